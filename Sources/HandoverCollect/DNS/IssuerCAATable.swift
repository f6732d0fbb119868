/// Which CAA `issue` identifiers allow a certificate authority, keyed by the issuer organization (O=) found in
/// certificates. Data, compiled in; the audit compares it with the CAA records (RFC 8659).
package enum IssuerCAATable {
    package static let builtIn: [String: [String]] = [
        "Let's Encrypt": ["letsencrypt.org"],
        "Google Trust Services": ["pki.goog"],
        "Google Trust Services LLC": ["pki.goog"],
        "DigiCert Inc": ["digicert.com", "www.digicert.com"],
        "DigiCert, Inc.": ["digicert.com", "www.digicert.com"],
        "Sectigo Limited": ["sectigo.com", "comodoca.com"],
        "ZeroSSL": ["sectigo.com", "zerossl.com"],
        "Amazon": ["amazon.com", "amazontrust.com", "awstrust.com", "amazonaws.com"],
        "GlobalSign nv-sa": ["globalsign.com"],
        "Microsoft Corporation": ["microsoft.com"],
        "Buypass AS-983163327": ["buypass.com"],
        "SSL.com": ["ssl.com"],
        "Entrust, Inc.": ["entrust.net"],
        "GoDaddy.com, Inc.": ["godaddy.com"],
        "Starfield Technologies, Inc.": ["starfieldtech.com"],
        "Cloudflare, Inc.": ["digicert.com", "letsencrypt.org", "pki.goog", "sectigo.com", "ssl.com"],
    ]

    /// The CAA identifiers for an issuer organization; nil when the organization is not in the table.
    package static func domains(forIssuerOrganization organization: String?) -> [String]? {
        organization.flatMap { builtIn[$0] }
    }
}
