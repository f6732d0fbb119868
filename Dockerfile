# handover in a container: built with the same two steps the test command runs (scripts/setup, make install),
# run on a slim Debian with the runtime libraries only. Swift's runtime and Foundation are linked statically
# (the Makefile's --static-swift-stdlib), so the image needs libgit2 and ldns and nothing of the toolchain.
#   docker build -t handover .
#   docker run --rm -v "$PWD:/work" -w /work handover snapshot
# Tested by proxy (no Docker engine where the tests run): Tests/HandoverCLITests/ActionScriptTests.swift checks
# that the build stage runs only those two steps and that the runtime stage installs the Debian packages of every
# system library the binary links.

FROM swift:6.3-bookworm AS build
WORKDIR /src
COPY . .
RUN bash scripts/setup
RUN make install PREFIX=/usr/local DESTDIR=/out

FROM debian:bookworm-slim
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends libgit2-1.5 libldns3 ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/usr/local /usr/local
WORKDIR /work
ENTRYPOINT ["handover"]
