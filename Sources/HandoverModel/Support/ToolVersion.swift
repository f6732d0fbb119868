/// The version of this build of handover, recorded in every snapshot.
package enum ToolVersion {
    package static let current = "0.1.0"
}
