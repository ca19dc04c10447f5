// Built-in lists of shared Internet services, in the text form of
// `WarningList(name:description:parsing:)`. Addresses and names are taken from the
// operators' own setup documentation; review them when an operator changes its service.

extension BuiltInWarningListData {
    /// Well-known public DNS resolvers: their service addresses (exact addresses, not the
    /// operators' whole networks, which also host customers) and their DNS-over-HTTPS /
    /// DNS-over-TLS names. Malware queries these, so feeds list them; blocking them
    /// breaks name resolution for everyone who uses them.
    static let publicResolvers = """
        # Google Public DNS
        8.8.8.8
        8.8.4.4
        2001:4860:4860::8888
        2001:4860:4860::8844
        2001:4860:4860::6464    # DNS64
        2001:4860:4860::64      # DNS64
        *.dns.google            # dns.google (DoH/DoT) and dns64.dns.google
        dns.google.com
        8888.google
        # Cloudflare 1.1.1.1 (plain, malware-blocking, family)
        1.1.1.1
        1.0.0.1
        1.1.1.2
        1.0.0.2
        1.1.1.3
        1.0.0.3
        2606:4700:4700::1111
        2606:4700:4700::1001
        2606:4700:4700::1112
        2606:4700:4700::1002
        2606:4700:4700::1113
        2606:4700:4700::1003
        *.cloudflare-dns.com    # cloudflare-dns.com, security., family., mozilla.
        one.one.one.one
        # Quad9 (secured, unsecured, with ECS)
        9.9.9.9
        149.112.112.112
        9.9.9.10
        149.112.112.10
        9.9.9.11
        149.112.112.11
        2620:fe::fe
        2620:fe::9
        2620:fe::10
        2620:fe::fe:10
        2620:fe::11
        2620:fe::fe:11
        dns.quad9.net
        dns9.quad9.net
        dns10.quad9.net
        dns11.quad9.net
        # OpenDNS / Cisco Umbrella (standard, FamilyShield)
        208.67.222.222
        208.67.220.220
        208.67.222.220
        208.67.220.222
        208.67.222.123
        208.67.220.123
        2620:119:35::35
        2620:119:53::53
        doh.opendns.com
        doh.familyshield.opendns.com
        # AdGuard DNS (default, family, non-filtering)
        94.140.14.14
        94.140.15.15
        94.140.14.15
        94.140.15.16
        94.140.14.140
        94.140.14.141
        2a10:50c0::ad1:ff
        2a10:50c0::ad2:ff
        2a10:50c0::bad1:ff
        2a10:50c0::bad2:ff
        2a10:50c0::1:ff
        2a10:50c0::2:ff
        dns.adguard-dns.com
        family.adguard-dns.com
        unfiltered.adguard-dns.com
        dns.adguard.com
        # CleanBrowsing (security, family, adult filters)
        185.228.168.9
        185.228.169.9
        185.228.168.168
        185.228.169.168
        185.228.168.10
        185.228.169.11
        doh.cleanbrowsing.org
        # Comodo Secure DNS
        8.26.56.26
        8.20.247.20
        # Level 3 / Lumen resolvers long used as public ones
        4.2.2.1
        4.2.2.2
        4.2.2.3
        4.2.2.4
        4.2.2.5
        4.2.2.6
        # Yandex DNS (basic, safe, family)
        77.88.8.8
        77.88.8.1
        77.88.8.88
        77.88.8.2
        77.88.8.7
        77.88.8.3
        2a02:6b8::feed:0ff
        2a02:6b8:0:1::feed:0ff
        # DNS4EU (protective, unfiltered)
        86.54.11.1
        86.54.11.201
        86.54.11.100
        86.54.11.200
        protective.joindns4.eu
        unfiltered.joindns4.eu
        # CIRA Canadian Shield (private, protected, family)
        149.112.121.10
        149.112.122.10
        149.112.121.20
        149.112.122.20
        149.112.121.30
        149.112.122.30
        # DNS.SB, Hurricane Electric, Mullvad, Control D, NextDNS
        185.222.222.222
        45.11.45.11
        doh.dns.sb
        74.82.42.42
        ordns.he.net
        194.242.2.2
        dns.mullvad.net
        76.76.2.0
        76.76.10.0
        freedns.controld.com
        *.dns.nextdns.io        # dns.nextdns.io and per-profile DoT names
        # AliDNS, DNSPod (Tencent), 114DNS, Baidu, 360, CNNIC
        223.5.5.5
        223.6.6.6
        2400:3200::1
        2400:3200:baba::1
        dns.alidns.com
        119.29.29.29
        doh.pub
        dns.pub
        114.114.114.114
        114.114.115.115
        180.76.76.76
        2400:da00::6666
        101.226.4.6
        218.30.118.6
        doh.360.cn
        1.2.4.8
        210.2.4.8
        """

    /// Big CDN, cloud and hosting platforms' own shared names, as exact entries.
    ///
    /// The rule: a platform's bare domain (`cloudfront.net`, `amazonaws.com`) and the few
    /// shared host names that serve every customer by path (`s3.amazonaws.com`,
    /// `storage.googleapis.com`, `raw.githubusercontent.com`) must never be blocked as a
    /// whole, since that would cut off every customer. A customer's own name below them
    /// (`evil.s3.amazonaws.com`, `d111111abcdef8.cloudfront.net`, `x.workers.dev`) is
    /// what a CERT blocks, so these are exact entries, never suffixes. A suffix
    /// indicator `*.cloudfront.net` is still suppressed: it covers `cloudfront.net`.
    static let cdnAndCloud = """
        # Cloudflare
        cloudflare.com
        cloudflare.net
        workers.dev
        pages.dev
        r2.dev
        trycloudflare.com
        cloudflarestorage.com
        cdnjs.cloudflare.com
        # Akamai
        akamai.net
        akamaiedge.net
        akamaized.net
        akamaihd.net
        akamaitechnologies.com
        akadns.net
        edgekey.net
        edgesuite.net
        # Amazon Web Services
        amazonaws.com
        s3.amazonaws.com
        cloudfront.net
        elasticbeanstalk.com
        awsglobalaccelerator.com
        awsapps.com
        # Fastly
        fastly.net
        fastlylb.net
        global.ssl.fastly.net
        # Microsoft Azure
        azureedge.net
        azurefd.net
        azurewebsites.net
        azurestaticapps.net
        azure-api.net
        cloudapp.net
        cloudapp.azure.com
        trafficmanager.net
        windows.net
        core.windows.net
        blob.core.windows.net
        web.core.windows.net
        msedge.net
        # Google Cloud and Firebase
        googleusercontent.com
        googleapis.com
        storage.googleapis.com
        appspot.com
        cloudfunctions.net
        run.app
        web.app
        firebaseapp.com
        firebaseio.com
        gstatic.com
        googlevideo.com
        1e100.net
        # Code hosting and static site platforms
        github.io
        githubusercontent.com
        raw.githubusercontent.com
        objects.githubusercontent.com
        gitlab.io
        netlify.app
        vercel.app
        herokuapp.com
        herokudns.com
        fly.dev
        onrender.com
        ngrok.io
        ngrok-free.app
        ngrok.app
        # Other CDNs and clouds
        b-cdn.net
        kxcdn.com
        cdn77.org
        edgecastcdn.net
        llnwd.net
        cachefly.net
        stackpathdns.com
        jsdelivr.net
        cdn.jsdelivr.net
        unpkg.com
        digitaloceanspaces.com
        ondigitalocean.app
        linodeobjects.com
        oraclecloud.com
        appdomain.cloud
        # Platforms popular in China
        alicdn.com
        aliyuncs.com
        myqcloud.com
        qcloud.com
        bcebos.com
        wscdns.com
        qiniucdn.com
        # File and chat content delivery shared by all users
        cdn.discordapp.com
        media.discordapp.net
        dl.dropboxusercontent.com
        """
}
