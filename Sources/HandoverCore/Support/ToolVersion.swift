/// The version of this build of handover, recorded in every snapshot.
public enum ToolVersion {
    public static let current = "0.1.0"
}
