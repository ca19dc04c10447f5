/*
 * match_baseline.c: the matcher a CERT would write in C instead of running `vigil match`. It
 * reads a list of indicators and a DNS query log (Unbound's log-queries lines) or a flow log
 * (CSV with src_ip and dst_ip columns) and counts the log's hits. Vigil's own matcher is
 * benchmarked against it, so it must count exactly what `vigil match` counts.
 *
 * Build: cc -O2 -o match_baseline match_baseline.c      (C99, no libraries)
 * Usage: match_baseline FORMAT INDICATORS LOG           (FORMAT: unbound | flow-csv; LOG may be -)
 * Prints one line: lines=N hits=H malformed=M indicators=I bytes_per_indicator=B
 *
 * Indicators: `TYPE<TAB>VALUE` lines; blank lines and lines starting with `#` are ignored.
 *   domain         the name itself (ASCII case folded, one trailing dot ignored)
 *   domain-suffix  the name and every name below it at a label boundary
 *   ipv4, ipv6     one address (/32, /128)
 *   cidr4, cidr6   a network (host bits are masked off; no `/n` means one address)
 * Other types (url, email, hashes, asn) are skipped and not counted. Values that do not parse
 * (or domains longer than 253 bytes) are skipped, not counted, and reported on stderr.
 * I is the number of indicators loaded (repeats included); B is the bytes of the matching
 * structures (name arena, name table, prefix tables) divided by I.
 *
 * Log lines end at '\n'; one '\r' before it is dropped; a last line without '\n' counts.
 *   unbound   after the first "info: ": client, name, type, class (runs of ASCII whitespace
 *             separate them). Fewer than four tokens, or no "info: ": malformed. The name hits
 *             if an exact domain equals it or a suffix entry equals it or one of its parents.
 *   flow-csv  blank lines and lines starting with '#' are skipped; the first other line is the
 *             header, where the first columns named src_ip and dst_ip (trimmed) are used. A row
 *             too short to have both, or with either not an address (strict dotted quad, or
 *             IPv6 as inet_pton takes it), is malformed. Else each of the two addresses inside
 *             a listed network is one hit (longest prefix match; an IPv4-mapped IPv6 address
 *             that no IPv6 entry covers is looked up as IPv4, as Vigil does).
 *   N counts every line read (flow-csv: the header and skipped lines too), malformed included.
 *
 * The name is folded to lower case in place in the read buffer (ours to change), so names of
 * any length are looked up without a copy.
 *
 * Structures: names sit end to end in one arena ([flags][length][bytes]); an open-addressing
 * table (linear probing, at most half full) holds a 32-bit tag of the hash and the offset, so
 * a probe that misses almost never touches the arena. The hash is FNV-1a over the name right
 * to left: one pass gives the hash of every label suffix. Prefixes: one open-addressing set of
 * masked keys per prefix length in use, probed longest first.
 */
#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define FLAG_EXACT 1u
#define FLAG_SUFFIX 2u
#define MAX_NAME 253 /* longest DNS name in text form; the arena stores lengths in one byte */

static size_t structure_bytes; /* everything allocated for matching, for bytes_per_indicator */

static void die(const char *message, const char *detail)
{
    fprintf(stderr, "match_baseline: %s%s%s\n", message, detail ? ": " : "", detail ? detail : "");
    exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) die("out of memory", NULL);
    return p;
}

/* Counted allocation: only the matching structures go through here. */
static void *structure_calloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size);
    if (!p) die("out of memory", NULL);
    structure_bytes += count * size;
    return p;
}

static int is_space(unsigned c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; }

/* ---- hashing ---------------------------------------------------------------------------- */

#define FNV_BASIS 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL

/* FNV's low bits are weak; this finaliser spreads every input bit over the whole word. */
static inline uint64_t mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

/* Maps the high half of a hash onto [0, cap) by multiplication: no power-of-two sizes needed. */
static inline uint32_t slot_of(uint64_t m, uint32_t cap) { return (uint32_t)(((m >> 32) * cap) >> 32); }

/* Two slots per entry keeps linear probing short for misses, the common case. */
static uint32_t table_capacity(size_t entries)
{
    if (entries > 0x7fffffffu) die("too many indicators", NULL);
    return entries < 4 ? 8 : (uint32_t)(entries * 2);
}

/* ---- domain names ----------------------------------------------------------------------- */

typedef struct {
    uint32_t tag; /* low half of the mixed hash */
    uint32_t off; /* entry's offset in the arena; 0 = empty slot (offset 0 is never used) */
} NameSlot;

static unsigned char *arena;   /* entries: flags byte, length byte, name bytes */
static size_t arena_len;
static NameSlot *names;
static uint32_t names_cap;
static uint64_t suffix_label_counts; /* bit n: some suffix entry has n labels (63: 63 or more) */

static inline const unsigned char *name_find(uint64_t h, const unsigned char *s, size_t len)
{
    if (len > MAX_NAME) return NULL;
    uint64_t m = mix64(h);
    uint32_t tag = (uint32_t)m, i = slot_of(m, names_cap);
    for (;;) {
        NameSlot slot = names[i];
        if (!slot.off) return NULL;
        if (slot.tag == tag) {
            const unsigned char *e = arena + slot.off;
            if (e[1] == len && memcmp(e + 2, s, len) == 0) return e;
        }
        if (++i == names_cap) i = 0;
    }
}

static void name_insert(const unsigned char *s, size_t len, unsigned flags)
{
    uint64_t h = FNV_BASIS;
    size_t k = len;
    while (k-- > 0) h = (h ^ s[k]) * FNV_PRIME;
    uint64_t m = mix64(h);
    uint32_t tag = (uint32_t)m, i = slot_of(m, names_cap);
    for (;;) {
        NameSlot slot = names[i];
        if (!slot.off) break;
        unsigned char *e = arena + slot.off;
        if (slot.tag == tag && e[1] == len && memcmp(e + 2, s, len) == 0) {
            e[0] |= (unsigned char)flags; /* the same name as domain and domain-suffix: one entry */
            return;
        }
        if (++i == names_cap) i = 0;
    }
    names[i].tag = tag;
    names[i].off = (uint32_t)arena_len;
    arena[arena_len++] = (unsigned char)flags;
    arena[arena_len++] = (unsigned char)len;
    memcpy(arena + arena_len, s, len);
    arena_len += len;
}

/* Whether the name s[0..len) hits. Folds it to lower case in place (it is our buffer) while
 * hashing right to left; at each dot, the hash so far is that of the suffix after the dot. */
static int name_hits(unsigned char *s, size_t len)
{
    if (len && s[len - 1] == '.') len--;
    if (!len || !names) return 0;
    uint64_t h = FNV_BASIS;
    unsigned labels = 0;
    size_t i = len;
    while (i-- > 0) {
        unsigned char c = s[i];
        if ((unsigned)(c - 'A') < 26u) s[i] = c = (unsigned char)(c | 0x20);
        if (c == '.') {
            labels++;
            /* Only probe at label counts some suffix entry has. */
            if (suffix_label_counts >> (labels < 63 ? labels : 63) & 1) {
                const unsigned char *e = name_find(h, s + i + 1, len - i - 1);
                if (e && (e[0] & FLAG_SUFFIX)) return 1;
            }
        }
        h = (h ^ c) * FNV_PRIME;
    }
    return name_find(h, s, len) != NULL; /* exact or suffix: either covers the name itself */
}

/* ---- addresses and prefixes ------------------------------------------------------------- */

/* A strict dotted quad, exactly as inet_pton(AF_INET) and Vigil take it: four decimal parts
 * 0..255, no leading zeros, nothing else. Hand-written because it is the hot path of flows. */
static int parse_v4(const unsigned char *p, size_t n, uint32_t *out)
{
    uint32_t value = 0, octet = 0;
    int dots = 0, digits = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned c = p[i];
        if (c - '0' < 10u) {
            if (digits && octet == 0) return 0; /* leading zero */
            octet = octet * 10 + (c - '0');
            if (octet > 255) return 0;
            digits++;
        } else if (c == '.') {
            if (!digits || dots == 3) return 0;
            value = value << 8 | octet;
            octet = 0;
            digits = 0;
            dots++;
        } else {
            return 0;
        }
    }
    if (!digits || dots != 3) return 0;
    *out = value << 8 | octet;
    return 1;
}

/* IPv6 text through inet_pton (which needs a NUL-terminated copy). */
static int parse_v6_pton(const unsigned char *p, size_t n, uint64_t *hi, uint64_t *lo)
{
    char text[64];
    unsigned char a[16];
    if (n >= sizeof text || memchr(p, 0, n)) return 0; /* the longest valid form has 45 bytes */
    memcpy(text, p, n);
    text[n] = 0;
    if (inet_pton(AF_INET6, text, a) != 1) return 0;
    uint64_t h = 0, l = 0;
    for (int i = 0; i < 8; i++) {
        h = h << 8 | a[i];
        l = l << 8 | a[i + 8];
    }
    *hi = h;
    *lo = l;
    return 1;
}

/* Hex digit values, 0xff for anything else: a table lookup instead of two range tests with
 * unpredictable branches (the digit/letter mix of IPv6 text). Filled in main. */
static unsigned char hex_table[256];

static void init_hex_table(void)
{
    memset(hex_table, 0xff, sizeof hex_table);
    for (int c = 0; c < 10; c++) hex_table['0' + c] = (unsigned char)c;
    for (int c = 0; c < 6; c++) hex_table['a' + c] = hex_table['A' + c] = (unsigned char)(10 + c);
}

/* IPv6 text. inet_pton is the authority, but it is slow (a quarter of the flow run went
 * there), so the common forms (hex groups, at most one "::") are read here first; anything
 * else (an embedded dotted quad, a zone, garbage) goes to inet_pton, which also rejects. The
 * fast path only ever accepts text inet_pton accepts, with the same value. */
static int parse_v6(const unsigned char *p, size_t n, uint64_t *hi, uint64_t *lo)
{
    uint16_t g[8];
    int ng = 0, gap = -1; /* gap: the group index where "::" stands */
    size_t i = 0;
    if (n >= 2 && p[0] == ':' && p[1] == ':') gap = 0, i = 2;
    while (i < n) {
        size_t start = i;
        unsigned v = 0, h;
        while (i < n && i - start < 5 && (h = hex_table[p[i]]) != 0xff) v = v << 4 | h, i++;
        if (i == start || i - start > 4 || ng == 8) goto slow;
        g[ng++] = (uint16_t)v;
        if (i == n) break;
        if (p[i] != ':' || ++i == n) goto slow; /* '.', '%', a trailing single ':' ... */
        if (p[i] == ':') {
            if (gap >= 0) goto slow;
            gap = ng;
            i++;
        }
    }
    if (gap < 0 ? ng != 8 : ng > 7) goto slow;
    {
        uint16_t a[8] = {0};
        int tail = gap < 0 ? 0 : ng - gap; /* groups after "::" go to the end */
        for (int k = 0; k < ng - tail; k++) a[k] = g[k];
        for (int k = 0; k < tail; k++) a[8 - tail + k] = g[gap + k];
        *hi = (uint64_t)a[0] << 48 | (uint64_t)a[1] << 32 | (uint64_t)a[2] << 16 | a[3];
        *lo = (uint64_t)a[4] << 48 | (uint64_t)a[5] << 32 | (uint64_t)a[6] << 16 | a[7];
        return 1;
    }
slow:
    return parse_v6_pton(p, n, hi, lo);
}

/* One set per prefix length. Empty slots hold key 0, so the key 0 (network 0/len) is a flag. */
typedef struct {
    uint32_t *keys;
    uint32_t cap;
    int has_zero;
    size_t pending; /* entries counted while loading, to size the table */
} V4Set;

typedef struct {
    uint64_t *keys; /* pairs: high, low */
    uint32_t cap;
    int has_zero;
    size_t pending;
} V6Set;

static V4Set v4sets[33];
static V6Set v6sets[129];
static int v4lengths[33], v6lengths[129]; /* lengths in use, longest first */
static int v4count, v6count;

static inline uint32_t v4mask(int len) { return len ? ~0u << (32 - len) : 0; }
static inline uint64_t v6mask_hi(int len) { return len >= 64 ? ~0ULL : len ? ~0ULL << (64 - len) : 0; }
static inline uint64_t v6mask_lo(int len) { return len <= 64 ? 0 : ~0ULL << (128 - len); }
static inline uint64_t v4hash(uint32_t key) { return (uint64_t)key * 0x9e3779b97f4a7c15ULL; }
static inline uint64_t v6hash(uint64_t hi, uint64_t lo) { return mix64(hi * 0x9e3779b97f4a7c15ULL ^ lo); }

static void v4_insert(V4Set *t, uint32_t key)
{
    if (!key) { t->has_zero = 1; return; }
    uint32_t i = slot_of(v4hash(key), t->cap);
    while (t->keys[i] && t->keys[i] != key)
        if (++i == t->cap) i = 0;
    t->keys[i] = key;
}

static void v6_insert(V6Set *t, uint64_t hi, uint64_t lo)
{
    if (!hi && !lo) { t->has_zero = 1; return; }
    uint32_t i = slot_of(v6hash(hi, lo), t->cap);
    while ((t->keys[2 * i] || t->keys[2 * i + 1]) && (t->keys[2 * i] != hi || t->keys[2 * i + 1] != lo))
        if (++i == t->cap) i = 0;
    t->keys[2 * i] = hi;
    t->keys[2 * i + 1] = lo;
}

static int v4_hits(uint32_t address)
{
    for (int k = 0; k < v4count; k++) {
        int len = v4lengths[k];
        const V4Set *t = &v4sets[len];
        uint32_t key = address & v4mask(len);
        if (!key) {
            if (t->has_zero) return 1;
            continue;
        }
        uint32_t i = slot_of(v4hash(key), t->cap);
        for (;;) {
            uint32_t s = t->keys[i];
            if (s == key) return 1;
            if (!s) break;
            if (++i == t->cap) i = 0;
        }
    }
    return 0;
}

static int v6_hits(uint64_t hi, uint64_t lo)
{
    for (int k = 0; k < v6count; k++) {
        int len = v6lengths[k];
        const V6Set *t = &v6sets[len];
        uint64_t h = hi & v6mask_hi(len), l = lo & v6mask_lo(len);
        if (!h && !l) {
            if (t->has_zero) return 1;
            continue;
        }
        uint32_t i = slot_of(v6hash(h, l), t->cap);
        for (;;) {
            uint64_t sh = t->keys[2 * i], sl = t->keys[2 * i + 1];
            if (sh == h && sl == l) return 1;
            if (!sh && !sl) break;
            if (++i == t->cap) i = 0;
        }
    }
    /* As in Vigil: an IPv4-mapped address (::ffff:a.b.c.d) no IPv6 entry covers is looked up
     * as IPv4 too. */
    return hi == 0 && lo >> 32 == 0xffff && v4_hits((uint32_t)lo);
}

/* ---- reading lines ---------------------------------------------------------------------- */

typedef struct {
    FILE *f;
    unsigned char *buf;
    size_t cap, start, end;
    int eof;
} Reader;

/* The next line without its '\n' and one '\r' before it; 0 at the end. Lines point into the
 * buffer and may be modified until the next call. Reads in blocks of at least 1 MiB. */
static int next_line(Reader *r, unsigned char **line, size_t *len)
{
    for (;;) {
        unsigned char *p = r->buf + r->start;
        size_t avail = r->end - r->start;
        unsigned char *nl = avail ? memchr(p, '\n', avail) : NULL;
        if (nl || (r->eof && avail)) {
            size_t n = nl ? (size_t)(nl - p) : avail;
            r->start += nl ? n + 1 : n;
            if (n && p[n - 1] == '\r') n--;
            *line = p;
            *len = n;
            return 1;
        }
        if (r->eof) return 0;
        memmove(r->buf, p, avail); /* keep the partial line, refill behind it */
        r->start = 0;
        r->end = avail;
        if (r->end == r->cap) {
            r->cap *= 2;
            r->buf = xrealloc(r->buf, r->cap);
        }
        size_t got = fread(r->buf + r->end, 1, r->cap - r->end, r->f);
        r->end += got;
        if (got == 0) {
            if (ferror(r->f)) die("read error", NULL);
            r->eof = 1;
        }
    }
}

static Reader open_reader(const char *path)
{
    Reader r = {0};
    r.f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!r.f) die("cannot open", path);
    r.cap = 1 << 20;
    r.buf = xrealloc(NULL, r.cap);
    return r;
}

/* ---- loading indicators ----------------------------------------------------------------- */

enum { T_DOMAIN, T_SUFFIX, T_IPV4, T_IPV6, T_CIDR4, T_CIDR6, T_OTHER };

typedef struct {
    int kind;
    int len;           /* prefix length */
    uint64_t hi, lo;   /* IPv4: lo; names: offset and length in the scratch bytes */
} Parsed;

static int type_of(const unsigned char *t, size_t n)
{
    static const char *const types[] = {"domain", "domain-suffix", "ipv4", "ipv6", "cidr4", "cidr6"};
    for (int k = 0; k < 6; k++)
        if (strlen(types[k]) == n && memcmp(types[k], t, n) == 0) return k;
    return T_OTHER;
}

/* Parses "/len" after an address (or none: one address). Decimal digits only. */
static int parse_length(const unsigned char *p, size_t n, int max, int *out)
{
    if (n == 0) { *out = max; return 1; }
    if (n == 1 || p[0] != '/' || n > 5) return 0;
    int v = 0;
    for (size_t i = 1; i < n; i++) {
        if ((unsigned)(p[i] - '0') >= 10u) return 0;
        v = v * 10 + (p[i] - '0');
    }
    if (v > max) return 0;
    *out = v;
    return 1;
}

static size_t load_indicators(const char *path)
{
    Reader r = open_reader(path);
    Parsed *items = NULL;
    size_t count = 0, cap = 0, skipped = 0;
    unsigned char *scratch = NULL; /* names, folded to lower case, while loading */
    size_t scratch_len = 0, scratch_cap = 0, name_count = 0;
    unsigned char *line;
    size_t n;

    while (next_line(&r, &line, &n)) {
        size_t a = 0;
        while (a < n && is_space(line[a])) a++;
        if (a == n || line[0] == '#') continue;
        unsigned char *tab = memchr(line, '\t', n);
        if (!tab) { skipped++; continue; }
        /* type: before the tab, value: after it, both without surrounding whitespace */
        size_t t0 = 0, t1 = (size_t)(tab - line);
        while (t0 < t1 && is_space(line[t0])) t0++;
        while (t1 > t0 && is_space(line[t1 - 1])) t1--;
        int kind = type_of(line + t0, t1 - t0);
        if (kind == T_OTHER) continue;
        size_t v0 = t1 + 1, v1 = n;
        while (v0 < v1 && is_space(line[v0])) v0++;
        while (v1 > v0 && is_space(line[v1 - 1])) v1--;
        unsigned char *v = line + v0;
        size_t vn = v1 - v0;

        Parsed it = {kind, 0, 0, 0};
        int ok = 0;
        if (kind == T_DOMAIN || kind == T_SUFFIX) {
            if (vn && v[vn - 1] == '.') vn--;
            if (vn && vn <= MAX_NAME) {
                if (scratch_len + vn > scratch_cap) {
                    scratch_cap = (scratch_cap + vn) * 2;
                    scratch = xrealloc(scratch, scratch_cap);
                }
                for (size_t k = 0; k < vn; k++) {
                    unsigned char c = v[k];
                    scratch[scratch_len + k] = (unsigned)(c - 'A') < 26u ? (unsigned char)(c | 0x20) : c;
                }
                it.hi = scratch_len;
                it.lo = vn;
                scratch_len += vn;
                name_count++;
                ok = 1;
            }
        } else if (kind == T_IPV4 || kind == T_CIDR4) {
            unsigned char *slash = memchr(v, '/', vn);
            size_t an = slash ? (size_t)(slash - v) : vn;
            uint32_t addr;
            if ((kind == T_CIDR4 || !slash) && parse_v4(v, an, &addr) && parse_length(v + an, vn - an, 32, &it.len)) {
                it.lo = addr & v4mask(it.len);
                v4sets[it.len].pending++;
                ok = 1;
            }
        } else {
            unsigned char *slash = memchr(v, '/', vn);
            size_t an = slash ? (size_t)(slash - v) : vn;
            if ((kind == T_CIDR6 || !slash) && parse_v6(v, an, &it.hi, &it.lo) &&
                parse_length(v + an, vn - an, 128, &it.len)) {
                it.hi &= v6mask_hi(it.len);
                it.lo &= v6mask_lo(it.len);
                v6sets[it.len].pending++;
                ok = 1;
            }
        }
        if (!ok) { skipped++; continue; }
        if (count == cap) {
            cap = cap ? cap * 2 : 1024;
            items = xrealloc(items, cap * sizeof *items);
        }
        items[count++] = it;
    }
    if (r.f != stdin) fclose(r.f);
    free(r.buf);
    if (skipped) fprintf(stderr, "match_baseline: %zu indicator lines not understood, skipped\n", skipped);

    /* Size every table from the counts, then fill: no rehashing. */
    if (name_count) {
        names_cap = table_capacity(name_count);
        names = structure_calloc(names_cap, sizeof *names);
        arena = xrealloc(NULL, 1 + scratch_len + 2 * name_count);
        arena_len = 1; /* offset 0 marks an empty slot */
    }
    for (int len = 32; len >= 0; len--)
        if (v4sets[len].pending) {
            v4sets[len].cap = table_capacity(v4sets[len].pending);
            v4sets[len].keys = structure_calloc(v4sets[len].cap, sizeof(uint32_t));
            v4lengths[v4count++] = len;
        }
    for (int len = 128; len >= 0; len--)
        if (v6sets[len].pending) {
            v6sets[len].cap = table_capacity(v6sets[len].pending);
            v6sets[len].keys = structure_calloc(2 * (size_t)v6sets[len].cap, sizeof(uint64_t));
            v6lengths[v6count++] = len;
        }
    for (size_t k = 0; k < count; k++) {
        Parsed *it = &items[k];
        switch (it->kind) {
        case T_DOMAIN:
        case T_SUFFIX: {
            const unsigned char *s = scratch + it->hi;
            name_insert(s, (size_t)it->lo, it->kind == T_DOMAIN ? FLAG_EXACT : FLAG_SUFFIX);
            if (it->kind == T_SUFFIX) {
                unsigned labels = 1;
                for (size_t c = 0; c < it->lo; c++) labels += s[c] == '.';
                suffix_label_counts |= 1ULL << (labels < 63 ? labels : 63);
            }
            break;
        }
        case T_IPV4:
        case T_CIDR4: v4_insert(&v4sets[it->len], (uint32_t)it->lo); break;
        default: v6_insert(&v6sets[it->len], it->hi, it->lo); break;
        }
    }
    if (name_count) {
        arena = xrealloc(arena, arena_len); /* repeats took no room: give the rest back */
        structure_bytes += arena_len;
    }
    free(scratch);
    free(items);
    return count;
}

/* ---- matching logs ---------------------------------------------------------------------- */

typedef struct {
    unsigned long long lines, hits, malformed;
} Counts;

/* Returns the position of the first "info: " in the line, or NULL. Looks at colons only. */
static unsigned char *find_info(unsigned char *p, size_t n)
{
    unsigned char *end = p + n, *c = p;
    while ((c = memchr(c, ':', (size_t)(end - c))) != NULL) {
        if (c - p >= 4 && end - c >= 2 && c[1] == ' ' && memcmp(c - 4, "info", 4) == 0) return c + 2;
        c++;
    }
    return NULL;
}

static void match_unbound(Reader *r, Counts *k)
{
    unsigned char *line;
    size_t n;
    while (next_line(r, &line, &n)) {
        k->lines++;
        unsigned char *p = find_info(line, n), *end = line + n;
        unsigned char *tok[4];
        size_t toklen[4];
        int t = 0;
        if (p) {
            for (; t < 4; t++) {
                while (p < end && is_space(*p)) p++;
                if (p == end) break;
                tok[t] = p;
                while (p < end && !is_space(*p)) p++;
                toklen[t] = (size_t)(p - tok[t]);
            }
        }
        if (t < 4) {
            k->malformed++;
            continue;
        }
        k->hits += (unsigned long long)name_hits(tok[1], toklen[1]);
    }
}

/* Parses one flow address; returns 0 when it is not one, else adds its hit to *hits. No text
 * is both a dotted quad and IPv6, so trying IPv4 first (it fails at once on a colon) is exact. */
static int flow_address(const unsigned char *p, size_t n, unsigned *hits)
{
    uint32_t a;
    uint64_t hi, lo;
    if (parse_v4(p, n, &a)) *hits += (unsigned)v4_hits(a);
    else if (parse_v6(p, n, &hi, &lo)) *hits += (unsigned)v6_hits(hi, lo);
    else return 0;
    return 1;
}

/* Trims ASCII whitespace off a header field and compares it to a column name. */
static int header_is(const unsigned char *p, size_t n, const char *name)
{
    while (n && is_space(*p)) p++, n--;
    while (n && is_space(p[n - 1])) n--;
    return strlen(name) == n && memcmp(p, name, n) == 0;
}

static void match_flows(Reader *r, Counts *k)
{
    unsigned char *line;
    size_t n;
    long src = -1, dst = -1, last = -1;
    while (next_line(r, &line, &n)) {
        k->lines++; /* every line counts, the header too (as in Vigil's statistics) */
        if (n == 0 || line[0] == '#') continue; /* blank lines and comments are skipped */
        if (last < 0) {
            /* the header: the first columns named src_ip and dst_ip */
            for (long col = 0;; col++) {
                unsigned char *comma = memchr(line, ',', n);
                size_t fn = comma ? (size_t)(comma - line) : n;
                if (src < 0 && header_is(line, fn, "src_ip")) src = col;
                if (dst < 0 && header_is(line, fn, "dst_ip")) dst = col;
                if (!comma) break;
                n -= fn + 1;
                line = comma + 1;
            }
            if (src < 0 || dst < 0) die("flow-csv header names no src_ip or no dst_ip column", NULL);
            last = src > dst ? src : dst;
            continue;
        }
        unsigned char *fs = NULL, *fd = NULL, *p = line, *end = line + n;
        size_t ns = 0, nd = 0;
        for (long col = 0; col <= last; col++) {
            unsigned char *comma = memchr(p, ',', (size_t)(end - p));
            unsigned char *fe = comma ? comma : end;
            if (col == src) fs = p, ns = (size_t)(fe - p);
            if (col == dst) fd = p, nd = (size_t)(fe - p);
            if (!comma) {
                if (col < last) fs = fd = NULL; /* too few columns */
                break;
            }
            p = comma + 1;
        }
        unsigned hits = 0;
        if (!fs || !fd || !flow_address(fs, ns, &hits) || !flow_address(fd, nd, &hits)) {
            k->malformed++;
            continue;
        }
        k->hits += hits;
    }
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: match_baseline unbound|flow-csv INDICATORS LOG|-\n");
        return 2;
    }
    int flows = strcmp(argv[1], "flow-csv") == 0;
    if (!flows && strcmp(argv[1], "unbound") != 0) die("unknown log format", argv[1]);
    init_hex_table();

    size_t indicators = load_indicators(argv[2]);
    Reader r = open_reader(argv[3]);
    Counts k = {0, 0, 0};
    if (flows) match_flows(&r, &k);
    else match_unbound(&r, &k);
    if (r.f != stdin) fclose(r.f);
    free(r.buf);

    printf("lines=%llu hits=%llu malformed=%llu indicators=%zu bytes_per_indicator=%.1f\n", k.lines, k.hits,
           k.malformed, indicators, indicators ? (double)structure_bytes / (double)indicators : 0.0);
    return 0;
}
