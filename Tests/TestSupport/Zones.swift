/// Zones the DNS and email tests serve from a private knot. `healthy.test` gets everything right; `broken.test`
/// has one of each fault; `many.test` has an SPF tree over the lookup limit.
package enum Zones {
    package static func soa(_ origin: String, serial: Int = 2026112901) -> String {
        """
        $ORIGIN \(origin).
        $TTL 300
        @ 3600 IN SOA ns1.\(origin). hostmaster.\(origin). \(serial) 3600 600 86400 300
        @ 3600 IN NS ns1.\(origin).
        ns1 IN A 127.0.0.1

        """
    }

    package static func healthy(dkim: String = "\"v=DKIM1; k=rsa; p=MIIB\"") -> String {
        soa("healthy.test") + """
            @ IN A 192.0.2.10
            @ IN AAAA 2001:db8::10
            www 600 IN CNAME healthy.test.
            app IN A 192.0.2.11
            api 120 IN CNAME api-host.healthy.test.
            api-host IN A 192.0.2.12
            @ IN MX 10 mail.healthy.test.
            mail IN A 192.0.2.25
            @ IN TXT "v=spf1 ip4:192.0.2.0/24 include:_spf.healthy.test -all"
            _spf IN TXT "v=spf1 ip4:198.51.100.0/24 -all"
            _dmarc IN TXT "v=DMARC1; p=reject; rua=mailto:dmarc@healthy.test; pct=100"
            s1._domainkey IN TXT ( \(dkim) )
            @ IN CAA 0 issue "letsencrypt.org"
            _mta-sts IN TXT "v=STSv1; id=20261129"
            _smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tls@healthy.test"
            default._bimi IN TXT "v=BIMI1; l=https://healthy.test/logo.svg"

            """
    }

    package static func broken(long: String = "\"v=DKIM1; p=\"", weak: String = "\"v=DKIM1; p=\"") -> String {
        soa("broken.test") + """
        long._domainkey IN TXT ( \(long) )
        weak._domainkey IN TXT ( \(weak) )
        revoked._domainkey IN TXT "v=DKIM1; k=rsa; p="

        """ + brokenRecords
    }

    package static let brokenRecords = """
        @ IN A 192.0.2.20
        www IN CNAME elsewhere.invalid.
        app IN CNAME loop-a.broken.test.
        loop-a IN CNAME loop-b.broken.test.
        loop-b IN CNAME loop-a.broken.test.
        @ IN MX 10 mx-missing.broken.test.
        @ IN MX 20 mail.broken.test.
        mail IN A 192.0.2.26
        @ IN TXT "v=spf1 ip4:192.0.2.0/24 -all"
        @ IN TXT "v=spf1 include:_spf.healthy.test ~all"
        @ IN CAA 0 issue "letsencrypt.org"
        shop IN A 192.0.2.21

        """

    package static let weak = soa("weak.test") + """
        @ IN A 192.0.2.40
        @ IN MX 10 mail.weak.test.
        mail IN A 192.0.2.41
        @ IN TXT "v=spf1 ptr +all"
        _dmarc IN TXT "v=DMARC1; p=quarantine; sp=none; pct=50; rua=mailto:d@reports.test, mailto:x@authorized.test"
        sub IN A 192.0.2.42

        """

    package static let reports = soa("reports.test")
    package static let authorized = soa("authorized.test") + """
        weak.test._report._dmarc IN TXT "v=DMARC1"

        """

    package static let many = soa("many.test") + """
        @ IN A 192.0.2.30
        @ IN TXT "v=spf1 include:a.many.test include:b.many.test include:c.many.test include:d.many.test -all"
        a IN TXT "v=spf1 include:e.many.test include:f.many.test include:g.many.test ~all"
        b IN TXT "v=spf1 a mx include:h.many.test ~all"
        c IN TXT "v=spf1 include:i.many.test ~all"
        d IN TXT "v=spf1 ip4:203.0.113.0/24 include:j.many.test ~all"
        e IN TXT "v=spf1 ip4:203.0.113.5 -all"
        f IN TXT "v=spf1 ip4:203.0.113.6 -all"
        g IN TXT "v=spf1 ip4:203.0.113.7 -all"
        h IN TXT "v=spf1 ip4:203.0.113.8 -all"
        i IN TXT "v=spf1 ip4:203.0.113.9 -all"
        j IN TXT "v=spf1 ip4:203.0.113.10 -all"

        """

    /// A hosting provider's zone: the target of `takeover.test`'s working CNAME.
    package static let hosting = soa("hosting.test") + """
        shop IN A 192.0.2.80

        """

    /// CNAMEs out of the zone: `www` to a name that exists at the provider, `app` to one it no longer has, `legacy` to a
    /// name under a zone nobody serves (the fake root answers NXDOMAIN) — the last two are dangling.
    package static let takeover = soa("takeover.test") + """
        @ IN A 192.0.2.70
        @ IN CAA 0 issue "letsencrypt.org"
        www IN CNAME shop.hosting.test.
        app IN CNAME gone.hosting.test.
        api IN A 192.0.2.71
        legacy IN CNAME old-app.fly.dev.

        """
}
