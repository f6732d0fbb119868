import Foundation
import HandoverModel
import HandoverManifest
/// Recognises providers from record values. The table is data: one rule a line, compiled into the binary.
package struct ProviderTable: Sendable {
    package struct Rule: Sendable, Equatable {
        package var source: String
        package var match: String
        package var role: ProviderDetection.Role
        package var provider: String
    }

    package var rules: [Rule]

    /// `SOURCE  MATCH  ROLE  PROVIDER` — MATCH is a domain suffix (NS, MX, SPF, CNAME) or an exact address (A).
    package static let builtInText = """
        NS     ns.cloudflare.com          dns      Cloudflare
        NS     awsdns                     dns      Amazon Route 53
        NS     vercel-dns.com             dns      Vercel
        NS     nsone.net                  dns      NS1 (also Netlify DNS)
        NS     domaincontrol.com          dns      GoDaddy
        NS     registrar-servers.com      dns      Namecheap
        NS     googledomains.com          dns      Google Domains
        NS     google.com                 dns      Google Cloud DNS
        NS     dnsimple.com               dns      DNSimple
        NS     digitalocean.com           dns      DigitalOcean
        NS     azure-dns.com              dns      Azure DNS
        NS     hetzner.com                dns      Hetzner
        NS     gandi.net                  dns      Gandi
        NS     porkbun.com                dns      Porkbun
        MX     google.com                 mailbox  Google Workspace
        MX     googlemail.com             mailbox  Google Workspace
        MX     mail.protection.outlook.com mailbox Microsoft 365
        MX     zoho.com                   mailbox  Zoho Mail
        MX     zoho.eu                    mailbox  Zoho Mail
        MX     messagingengine.com        mailbox  Fastmail
        MX     protonmail.ch              mailbox  Proton Mail
        MX     mailgun.org                mailbox  Mailgun
        MX     sendgrid.net               mailbox  SendGrid
        MX     amazonaws.com              mailbox  Amazon SES
        MX     improvmx.com               mailbox  ImprovMX
        SPF    _spf.google.com            sending  Google Workspace
        SPF    spf.protection.outlook.com sending  Microsoft 365
        SPF    sendgrid.net               sending  SendGrid
        SPF    mailgun.org                sending  Mailgun
        SPF    spf.mtasv.net              sending  Postmark
        SPF    amazonses.com              sending  Amazon SES (also Resend)
        SPF    _spf.resend.com            sending  Resend
        SPF    servers.mcsv.net           sending  Mailchimp
        SPF    spf.brevo.com              sending  Brevo
        SPF    sparkpostmail.com          sending  SparkPost
        SPF    zoho.com                   sending  Zoho Mail
        SPF    _spf.salesforce.com        sending  Salesforce
        CNAME  vercel-dns.com             hosting  Vercel
        CNAME  vercel.app                 hosting  Vercel
        CNAME  netlify.app                hosting  Netlify
        CNAME  netlify.com                hosting  Netlify
        CNAME  fly.dev                    hosting  Fly.io
        CNAME  onrender.com               hosting  Render
        CNAME  herokudns.com              hosting  Heroku
        CNAME  herokuapp.com              hosting  Heroku
        CNAME  github.io                  hosting  GitHub Pages
        CNAME  pages.dev                  hosting  Cloudflare Pages
        CNAME  cloudfront.net             hosting  Amazon CloudFront
        CNAME  azurewebsites.net          hosting  Azure App Service
        CNAME  railway.app                hosting  Railway
        CNAME  up.railway.app             hosting  Railway
        CNAME  ghs.googlehosted.com       hosting  Google
        A      76.76.21.21                hosting  Vercel
        A      75.2.60.5                  hosting  Netlify
        A      185.199.108.153            hosting  GitHub Pages
        A      185.199.109.153            hosting  GitHub Pages
        A      185.199.110.153            hosting  GitHub Pages
        A      185.199.111.153            hosting  GitHub Pages
        """

    package static let builtIn = ProviderTable(parsing: builtInText)

    /// Parses the table format; blank lines and `#` comments are skipped, malformed lines ignored.
    package init(parsing text: String) {
        rules = text.split(separator: "\n").compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            let fields = trimmed.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true)
            guard fields.count == 4, ["NS", "MX", "SPF", "CNAME", "A"].contains(fields[0]),
                let role = ProviderDetection.Role(rawValue: String(fields[2])), role != .unknown else { return nil }
            return Rule(source: String(fields[0]), match: String(fields[1]).lowercased(), role: role,
                        provider: fields[3].trimmingCharacters(in: .whitespaces))
        }
    }

    /// The built-in table plus a user's rules file (same format); their rules come first, so they win ties.
    /// Malformed lines are reported as `file:line` problems, never silently dropped.
    package static func extended(withFile path: String) throws(ManifestError) -> ProviderTable {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "the providers file (collect.providers_file) cannot be read")
        }
        var problems: [ManifestProblem] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
            if ProviderTable(parsing: String(line)).rules.isEmpty {
                problems.append(ManifestProblem(line: index + 1, column: 1, message: "expected `SOURCE MATCH ROLE PROVIDER` with SOURCE one of NS, MX, SPF, CNAME, A and ROLE one of dns, mailbox, sending, hosting"))
            }
        }
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        var table = ProviderTable(parsing: text)
        table.rules += builtIn.rules
        return table
    }

    /// Providers matching `value` seen in a record of `source`.
    package func detect(source: String, value: String) -> [ProviderDetection] {
        let v = DNSName.normalized(value)
        return rules.filter { rule in
            guard rule.source == source else { return false }
            if source == "A" { return v == rule.match }
            if !rule.match.contains(".") { return v.contains(rule.match) }
            return v == rule.match || v.hasSuffix("." + rule.match)
        }.map { ProviderDetection(role: $0.role, provider: $0.provider, source: source, evidence: v) }
    }
}
