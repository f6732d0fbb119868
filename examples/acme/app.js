// The example app's code; the demo commits it a few times to give the snapshot history and tags.
console.log("acme");
