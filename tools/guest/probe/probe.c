/*
 * Vireo probe kernel: a freestanding guest that checks what the loader handed
 * it and reports on COM1. Everything it prints must be identical under any
 * correct loader (Vireo's VMM, QEMU microvm), so it prints verdicts and
 * values that do not depend on where a loader chose to put things.
 *
 * Command-line switches:
 *   probe.echo      echo console input lines until a line "end"
 *   probe.loop      print "tick N" forever; Ctrl-Alt-Del on the i8042 ends it
 *   probe.uart=N    write N bytes to the UART (exit-throughput benchmark)
 *   probe.noreset   halt at the end instead of resetting through the i8042
 *   vireo.blk       virtio-blk test on the first disk from virtio_mmio.device= words:
 *                   write a pattern to sectors 8-15, flush, read back, print CRCs
 *   vireo.rng       virtio-rng test: read 64 bytes of entropy (prints only that it got them)
 *   vireo.net       virtio-net test on the first interface: print its MAC, send one broadcast frame
 *                   (ethertype 0x88b5, a fixed pattern), then wait for a 0x88b5 frame from the host
 *                   and print its length and FNV-1a
 *   vireo.evil      post malformed descriptor chains; the device must report NEEDS_RESET
 *   vireo.blkbench=N  bench (bench/virtio.sh): N sequential 4 KiB reads (warmup), N sequential writes,
 *                   N sequential reads, then N
 *                   random 4 KiB writes and N random reads (fixed LCG seed) on the first disk, one
 *                   request in flight; each phase between "VIREO-BENCH blk PHASE start" / "done" lines
 *   vireo.netbench=N  bench: after "VIREO-BENCH net wait", a console byte starts N transmits of a
 *                   1514-byte frame (to a foreign unicast MAC) on the first virtio-net, one in flight
 */
typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long u64;

#define COM1 0x3f8
#define LAPIC 0xfee00000UL
#define TRAMP_BASE 0x6000
#define MAX_CPUS 16

extern char trampoline_start[], trampoline_end[], _end[];

static inline void outb(u16 p, u8 v) { __asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(p)); }
static inline u8 inb(u16 p) { u8 v; __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static inline void outl(u16 p, u32 v) { __asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(p)); }
static inline u32 inl(u16 p) { u32 v; __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(p)); return v; }
static inline void cpu_relax(void) { __asm__ volatile("pause" ::: "memory"); }
static inline u32 rd32(u64 a) { return *(volatile u32 *)a; }
static inline void wr32(u64 a, u32 v) { *(volatile u32 *)a = v; }
static inline u8 rd8(u64 a) { return *(volatile u8 *)a; }
static inline u16 rd16(u64 a) { return *(volatile u16 *)a; }
static inline u64 rd64(u64 a) { return *(volatile u64 *)a; }

/* ---- serial ---------------------------------------------------------- */
static volatile int print_lock;
static void lock(void) { while (__atomic_exchange_n(&print_lock, 1, __ATOMIC_ACQUIRE)) cpu_relax(); }
static void unlock(void) { __atomic_store_n(&print_lock, 0, __ATOMIC_RELEASE); }

static void uart_init(void)
{
	outb(COM1 + 1, 0x00);	/* no interrupts: the probe polls */
	outb(COM1 + 3, 0x80);	/* DLAB */
	outb(COM1 + 0, 0x01);	/* 115200 */
	outb(COM1 + 1, 0x00);
	outb(COM1 + 3, 0x03);	/* 8N1 */
	outb(COM1 + 2, 0x07);	/* FIFO on, cleared */
	outb(COM1 + 4, 0x03);	/* DTR RTS */
}
static void putc_raw(char c)
{
	while (!(inb(COM1 + 5) & 0x20))
		cpu_relax();
	outb(COM1, (u8)c);
}
static void puts_nl(const char *s) { while (*s) { if (*s == '\n') putc_raw('\r'); putc_raw(*s++); } }
static void put_hex(u64 v, int digits)
{
	char b[17];
	for (int i = digits - 1; i >= 0; i--, v >>= 4)
		b[i] = "0123456789abcdef"[v & 15];
	b[digits] = 0;
	puts_nl(b);
}
static void put_dec(u64 v)
{
	char b[21]; int i = 20; b[i] = 0;
	do { b[--i] = '0' + v % 10; v /= 10; } while (v);
	puts_nl(b + i);
}

/* ---- small helpers ----------------------------------------------------- */
static int memeq(const void *a, const char *b, int n)
{
	const u8 *p = a;
	for (int i = 0; i < n; i++) if (p[i] != (u8)b[i]) return 0;
	return 1;
}
static void copy(void *d, const void *s, u64 n) { u8 *dd = d; const u8 *ss = s; while (n--) *dd++ = *ss++; }
static u8 sum8(u64 a, u32 n) { u8 s = 0; for (u32 i = 0; i < n; i++) s += rd8(a + i); return s; }

static char cmdline[2048];
static int opt_debug;
/* Returns the value after "key" (at a word start); "" for a bare switch; 0 if absent. */
static const char *opt(const char *key)
{
	for (char *p = cmdline; *p; p++) {
		if (p != cmdline && p[-1] != ' ') continue;
		const char *k = key; char *q = p;
		while (*k && *q == *k) { k++; q++; }
		if (*k) continue;
		if (*q == '=') return q + 1;
		if (*q == ' ' || *q == 0) return q;
	}
	return 0;
}
static u64 atou(const char *s) { u64 v = 0; while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0'); return v; }

/* ---- boot_params ------------------------------------------------------- */
#define BP_EXT_RAMDISK_IMAGE 0x0c0
#define BP_EXT_RAMDISK_SIZE 0x0c4
#define BP_EXT_CMD_LINE_PTR 0x0c8
#define BP_E820_ENTRIES 0x1e8
#define BP_HDR_MAGIC 0x202
#define BP_VERSION 0x206
#define BP_LOADER 0x210
#define BP_LOADFLAGS 0x211
#define BP_RAMDISK_IMAGE 0x218
#define BP_RAMDISK_SIZE 0x21c
#define BP_CMD_LINE_PTR 0x228
#define BP_XLOADFLAGS 0x236
#define BP_E820_TABLE 0x2d0

static int e820_is_ram(u64 bp, u64 start, u64 len)
{
	u8 n = rd8(bp + BP_E820_ENTRIES);
	for (int i = 0; i < n && i < 128; i++) {
		u64 e = bp + BP_E820_TABLE + 20 * i;
		u64 a = rd64(e), s = rd64(e + 8);
		if (rd32(e + 16) == 1 && start >= a && start + len <= a + s)
			return 1;
	}
	return 0;
}

static void check_boot(u64 bp)
{
	puts_nl("boot: header ");
	puts_nl(memeq((void *)(bp + BP_HDR_MAGIC), "HdrS", 4) ? "HdrS" : "MISSING");
	puts_nl(" version ");
	put_hex(rd16(bp + BP_VERSION), 4);
	puts_nl(" xloadflags ");
	put_hex(rd16(bp + BP_XLOADFLAGS), 4);
	puts_nl(rd8(bp + BP_LOADER) ? " loader set" : " loader UNSET");
	puts_nl(rd8(bp + BP_LOADFLAGS) & 1 ? " loaded-high\n" : " NOT-loaded-high\n");

	/* Command line: copied out before anything below 1 MiB is reused. */
	u64 cl = rd32(bp + BP_CMD_LINE_PTR) | ((u64)rd32(bp + BP_EXT_CMD_LINE_PTR) << 32);
	int len = 0;
	if (cl)
		while (len < (int)sizeof(cmdline) - 1 && rd8(cl + len)) { cmdline[len] = rd8(cl + len); len++; }
	cmdline[len] = 0;
	opt_debug = opt("probe.e820") != 0;

	/* e820: sane entries, RAM where the protocol needs it, and where RAM ends. */
	u8 n = rd8(bp + BP_E820_ENTRIES);
	int sane = n > 0 && n <= 128;
	u64 top = 0;
	for (int i = 0; i < n && i < 128; i++) {
		u64 e = bp + BP_E820_TABLE + 20 * i;
		u64 a = rd64(e), s = rd64(e + 8);
		u32 t = rd32(e + 16);
		if (s == 0) continue;	/* BIOS tables may end in an empty entry; Linux drops those too */
		if (t == 0 || t > 20) sane = 0;
		if (opt_debug) { puts_nl("e820 entry "); put_hex(a, 16); puts_nl(" "); put_hex(s, 16); puts_nl(" "); put_dec(t); puts_nl("\n"); }
		if (t == 1 && a + s > top && a + s <= 0x100000000UL) top = a + s;
	}
	puts_nl("e820: ");
	puts_nl(sane ? "sane" : "INSANE");
	puts_nl(e820_is_ram(bp, 0, 0x9f000) ? " low-ram" : " NO-LOW-RAM");
	puts_nl(e820_is_ram(bp, 0x100000, (u64)_end - 0x100000) ? " kernel-in-ram" : " KERNEL-NOT-IN-RAM");
	puts_nl(" ram-top-mib ");
	put_dec(top >> 20);
	puts_nl("\n");

	puts_nl("cmdline: ");
	puts_nl(cmdline);
	puts_nl("\n");

	/* initrd: FNV-1a over its bytes; the host computes the same over the file. */
	u64 ri = rd32(bp + BP_RAMDISK_IMAGE) | ((u64)rd32(bp + BP_EXT_RAMDISK_IMAGE) << 32);
	u64 rs = rd32(bp + BP_RAMDISK_SIZE) | ((u64)rd32(bp + BP_EXT_RAMDISK_SIZE) << 32);
	if (ri && rs) {
		u32 h = 0x811c9dc5;
		for (u64 i = 0; i < rs; i++) { h ^= rd8(ri + i); h *= 0x01000193; }
		puts_nl("initrd: size ");
		put_dec(rs);
		puts_nl(" fnv1a ");
		put_hex(h, 8);
		puts_nl(e820_is_ram(bp, ri, rs) ? " in-ram" : " NOT-IN-RAM");
		puts_nl(ri >= (u64)_end ? " above-kernel\n" : " OVERLAPS-KERNEL\n");
	} else {
		puts_nl("initrd: none\n");
	}
}

/* ---- CPU topology from ACPI MADT or the MP table ----------------------- */
static u8 cpu_ids[MAX_CPUS];
static int ncpus;

static u64 scan(u64 from, u64 to, const char *sig, int len)
{
	for (u64 a = from; a + len <= to; a += 16)
		if (memeq((void *)a, sig, len)) return a;
	return 0;
}

static int from_madt(u64 bp)
{
	u64 rsdp = rd64(bp + 0x070);
	u64 ebda = (u64)rd16(0x40e) << 4;
	if (!rsdp && ebda >= 0x80000 && ebda < 0xa0000) rsdp = scan(ebda, ebda + 1024, "RSD PTR ", 8);
	if (!rsdp) rsdp = scan(0xe0000, 0x100000, "RSD PTR ", 8);
	if (!rsdp || sum8(rsdp, 20)) return 0;
	int xsdt = rd8(rsdp + 15) >= 2 && rd64(rsdp + 24);
	u64 sdt = xsdt ? rd64(rsdp + 24) : rd32(rsdp + 16);
	u32 n = (rd32(sdt + 4) - 36) / (xsdt ? 8 : 4);
	for (u32 i = 0; i < n; i++) {
		u64 t = xsdt ? rd64(sdt + 36 + 8 * i) : rd32(sdt + 36 + 4 * i);
		if (!memeq((void *)t, "APIC", 4)) continue;
		u32 len = rd32(t + 4);
		for (u32 o = 44; o + 2 <= len; o += rd8(t + o + 1)) {
			if (rd8(t + o + 1) < 2) break;
			if (rd8(t + o) == 0 && (rd32(t + o + 4) & 1) && ncpus < MAX_CPUS)
				cpu_ids[ncpus++] = rd8(t + o + 3);
		}
		return ncpus;
	}
	return 0;
}

static int from_mptable(void)
{
	u64 ebda = (u64)rd16(0x40e) << 4, fp = 0;
	if (ebda >= 0x80000 && ebda < 0xa0000) fp = scan(ebda, ebda + 1024, "_MP_", 4);
	if (!fp) fp = scan(0x9fc00, 0xa0000, "_MP_", 4);
	if (!fp) fp = scan(0xf0000, 0x100000, "_MP_", 4);
	if (!fp || sum8(fp, 16)) return 0;
	u64 ct = rd32(fp + 4);
	if (!ct || !memeq((void *)ct, "PCMP", 4) || sum8(ct, rd16(ct + 4))) return 0;
	u64 p = ct + 44;
	for (u32 i = 0; i < rd16(ct + 34); i++) {
		u8 type = rd8(p);
		if (type == 0) {
			if ((rd8(p + 3) & 1) && ncpus < MAX_CPUS) cpu_ids[ncpus++] = rd8(p + 1);
			p += 20;
		} else if (type <= 4) {
			p += 8;
		} else {
			break;
		}
	}
	return ncpus;
}

/* ---- SMP --------------------------------------------------------------- */
static volatile u32 ap_up[256];

void ap_main(u32 apic_id)
{
	lock();
	puts_nl("smp: ap apic-id ");
	put_dec(apic_id);
	puts_nl(" online\n");
	unlock();
	__atomic_store_n(&ap_up[apic_id & 255], 1, __ATOMIC_RELEASE);
	for (;;) __asm__ volatile("cli; hlt");
}

static void wait_icr(void) { for (int i = 0; i < 100000 && (rd32(LAPIC + 0x300) & 0x1000); i++) cpu_relax(); }
static void ipi(u32 dest, u32 low) { wr32(LAPIC + 0x310, dest << 24); wr32(LAPIC + 0x300, low); wait_icr(); }
static void spin(u32 n) { for (volatile u32 i = 0; i < n; i++) cpu_relax(); }

static void smp_boot(u64 bp)
{
	if (!from_madt(bp)) from_mptable();
	u32 self = rd32(LAPIC + 0x20) >> 24;
	if (ncpus == 0) { cpu_ids[0] = self; ncpus = 1; }
	puts_nl("smp: cpus ");
	put_dec(ncpus);
	puts_nl(" bsp apic-id ");
	put_dec(self);
	puts_nl("\n");
	wr32(LAPIC + 0xf0, rd32(LAPIC + 0xf0) | 0x1ff);	/* software-enable, spurious vector 0xff */
	copy((void *)TRAMP_BASE, trampoline_start, trampoline_end - trampoline_start);
	int online = 1;
	for (int i = 0; i < ncpus; i++) {
		u32 id = cpu_ids[i];
		if (id == self) continue;
		ipi(id, 0x4500);			/* INIT, assert */
		spin(1000);
		for (int k = 0; k < 2 && !ap_up[id]; k++) {
			ipi(id, 0x4600 | (TRAMP_BASE >> 12));	/* STARTUP */
			for (u32 t = 0; t < 20000000 && !ap_up[id]; t++) cpu_relax();
		}
		if (ap_up[id]) {
			online++;
		} else {
			lock(); puts_nl("smp: ap apic-id "); put_dec(id); puts_nl(" FAILED\n"); unlock();
		}
	}
	lock();
	puts_nl("smp: ");
	put_dec(online);
	puts_nl(" of ");
	put_dec(ncpus);
	puts_nl(" cpus online\n");
	unlock();
}

/* ---- legacy devices ------------------------------------------------------ */
static int kbc_wait_out(void) { for (int i = 0; i < 100000; i++) if (inb(0x64) & 1) return 1; return 0; }
static void kbc_wait_in(void) { for (int i = 0; i < 100000 && (inb(0x64) & 2); i++) ; }

static void check_i8042(void)
{
	while (inb(0x64) & 1) inb(0x60);	/* drain */
	kbc_wait_in();
	outb(0x64, 0xaa);
	int st = kbc_wait_out() ? inb(0x60) : -1;
	puts_nl("i8042: self-test ");
	puts_nl(st == 0x55 ? "ok" : "FAILED");
	kbc_wait_in();
	outb(0x64, 0xd2);	/* write keyboard output buffer: comes back on 0x60 */
	kbc_wait_in();
	outb(0x60, 0xa5);
	int echo = kbc_wait_out() ? inb(0x60) : -1;
	puts_nl(echo == 0xa5 ? " echo ok\n" : " echo FAILED\n");
}

static u8 cmos(u8 r) { outb(0x70, r); return inb(0x71); }
static int bcd_ok(u8 v, int max) { return (v & 15) < 10 && (v >> 4) < 10 && ((v >> 4) * 10 + (v & 15)) <= max; }

static void check_rtc(void)
{
	for (int i = 0; i < 100000 && (cmos(0x0a) & 0x80); i++) ;
	u8 b = cmos(0x0b), sec = cmos(0), min = cmos(2), hr = cmos(4), day = cmos(7), mon = cmos(8), yr = cmos(9), cen = cmos(0x32);
	int ok = bcd_ok(sec, 59) && bcd_ok(min, 59) && bcd_ok(hr, 23) && bcd_ok(day, 31) && day && bcd_ok(mon, 12) && mon
		&& bcd_ok(yr, 99) && cen == 0x20 && (cmos(0x0d) & 0x80);
	puts_nl("rtc: ");
	puts_nl((b & 0x06) == 0x02 ? "24h-bcd " : "MODE-UNEXPECTED ");
	puts_nl(ok ? "date-valid\n" : "DATE-INVALID\n");
}

static void check_pci(void)
{
	outl(0xcf8, 0x80000000);
	u32 id = inl(0xcfc);
	puts_nl(id == 0xffffffff ? "pci: no devices on 00:00.0\n" : "pci: device present on 00:00.0\n");
}


/* ---- virtio-mmio (version 2) drivers: blk, rng, and a malicious mode ------ */
#define VIRTIO_MAGIC 0x74726976
#define VM_VERSION 0x004
#define VM_DEVICE_ID 0x008
#define VM_DEV_FEATURES 0x010
#define VM_DEV_FEATURES_SEL 0x014
#define VM_DRV_FEATURES 0x020
#define VM_DRV_FEATURES_SEL 0x024
#define VM_QUEUE_SEL 0x030
#define VM_QUEUE_NUM_MAX 0x034
#define VM_QUEUE_NUM 0x038
#define VM_QUEUE_READY 0x044
#define VM_QUEUE_NOTIFY 0x050
#define VM_ISR 0x060
#define VM_ISR_ACK 0x064
#define VM_STATUS 0x070
#define VM_DESC_LO 0x080
#define VM_DESC_HI 0x084
#define VM_AVAIL_LO 0x090
#define VM_AVAIL_HI 0x094
#define VM_USED_LO 0x0a0
#define VM_USED_HI 0x0a4
#define VM_CONFIG 0x100
#define ST_ACK 1
#define ST_DRIVER 2
#define ST_DRIVER_OK 4
#define ST_FEATURES_OK 8
#define ST_NEEDS_RESET 0x40
#define D_NEXT 1
#define D_WRITE 2
#define QSZ 8

struct vdesc { u64 addr; u32 len; u16 flags; u16 next; };
struct vq {
	struct vdesc desc[QSZ];				/* 128 bytes, 16-aligned */
	u16 avail_flags, avail_idx, avail_ring[QSZ], used_event;
	u8 pad[4096 - 16 * QSZ - 6 - 2 * QSZ];
	u16 used_flags, used_idx;
	struct { u32 id, len; } used_ring[QSZ];
	u16 avail_event;
} __attribute__((aligned(4096)));

static struct vq vqs[4];	/* blk, rng, net receive (and the net bench's transmit), net transmit */
static u8 blk_hdr[16] __attribute__((aligned(16)));
static u8 blk_status;
static u8 wbuf[4096] __attribute__((aligned(4096)));
static u8 rbuf[4096] __attribute__((aligned(4096)));
static u16 last_used[4];
static u16 vq_index[4];	/* the device's queue each slot drives */

static inline void mb(void) { __asm__ volatile("mfence" ::: "memory"); }
static inline u64 rdtsc(void) { u32 lo, hi; __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi)); return ((u64)hi << 32) | lo; }
#define TSC_TIMEOUT 60000000000UL	/* generous: nested TCG runs slowly, but a TSC tick is still a tick */

static u32 crc32(const u8 *p, u32 n)
{
	u32 c = 0xffffffff;
	for (u32 i = 0; i < n; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320 & -(c & 1));
	}
	return ~c;
}

/* "0x..." hex or decimal, with an optional K/M suffix (Linux's memparse forms that QEMU and Vireo use). */
static u64 parse_num(const char **sp)
{
	const char *s = *sp; u64 v = 0;
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
		for (s += 2;; s++) {
			int d = (*s >= '0' && *s <= '9') ? *s - '0' : (*s >= 'a' && *s <= 'f') ? *s - 'a' + 10
				: (*s >= 'A' && *s <= 'F') ? *s - 'A' + 10 : -1;
			if (d < 0) break;
			v = v * 16 + d;
		}
	} else {
		while (*s >= '0' && *s <= '9') v = v * 10 + (*s++ - '0');
	}
	if (*s == 'K' || *s == 'k') { v <<= 10; s++; } else if (*s == 'M' || *s == 'm') { v <<= 20; s++; }
	*sp = s;
	return v;
}

/* The base of the first virtio-mmio device of type `id` named on the command line (0 if none). */
static u64 find_virtio(u32 id, int *count)
{
	static const char key[] = "virtio_mmio.device=";
	u64 found = 0; int n = 0;
	for (char *p = cmdline; *p; p++) {
		if (p != cmdline && p[-1] != ' ') continue;
		if (!memeq(p, key, sizeof(key) - 1)) continue;
		const char *s = p + sizeof(key) - 1;
		parse_num(&s);
		if (*s++ != '@') continue;
		u64 base = parse_num(&s);
		if (rd32(base) != VIRTIO_MAGIC || rd32(base + VM_VERSION) != 2) continue;
		n++;
		if (!found && rd32(base + VM_DEVICE_ID) == id) found = base;
	}
	if (count) *count = n;
	return found;
}

/* Reset and negotiate VERSION_1 plus `features` (feature bits 0-31, all required); 0 on success. */
static int virtio_begin(u64 base, u32 features)
{
	wr32(base + VM_STATUS, 0);
	if (rd32(base + VM_STATUS) != 0) return -1;
	wr32(base + VM_STATUS, ST_ACK);
	wr32(base + VM_STATUS, ST_ACK | ST_DRIVER);
	wr32(base + VM_DEV_FEATURES_SEL, 1);
	if (!(rd32(base + VM_DEV_FEATURES) & 1)) return -2;	/* VERSION_1 is bit 32 */
	wr32(base + VM_DEV_FEATURES_SEL, 0);
	if ((rd32(base + VM_DEV_FEATURES) & features) != features) return -2;
	wr32(base + VM_DRV_FEATURES_SEL, 1);
	wr32(base + VM_DRV_FEATURES, 1);
	wr32(base + VM_DRV_FEATURES_SEL, 0);
	wr32(base + VM_DRV_FEATURES, features);
	wr32(base + VM_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK);
	if (!(rd32(base + VM_STATUS) & ST_FEATURES_OK)) return -3;
	return 0;
}

/* Sets up the device's queue `qidx` on vqs[slot] (after virtio_begin); 0 on success. */
static int virtio_queue(u64 base, int slot, u32 qidx)
{
	wr32(base + VM_QUEUE_SEL, qidx);
	if (rd32(base + VM_QUEUE_READY) != 0 || rd32(base + VM_QUEUE_NUM_MAX) < QSZ) return -4;
	struct vq *q = &vqs[slot];
	u8 *z = (u8 *)q; for (u64 i = 0; i < sizeof(*q); i++) z[i] = 0;
	last_used[slot] = 0;
	vq_index[slot] = qidx;
	wr32(base + VM_QUEUE_NUM, QSZ);
	wr32(base + VM_DESC_LO, (u32)(u64)q->desc);
	wr32(base + VM_DESC_HI, (u32)((u64)q->desc >> 32));
	wr32(base + VM_AVAIL_LO, (u32)(u64)&q->avail_flags);
	wr32(base + VM_AVAIL_HI, (u32)((u64)&q->avail_flags >> 32));
	wr32(base + VM_USED_LO, (u32)(u64)&q->used_flags);
	wr32(base + VM_USED_HI, (u32)((u64)&q->used_flags >> 32));
	wr32(base + VM_QUEUE_READY, 1);
	return 0;
}

static int virtio_driver_ok(u64 base)
{
	wr32(base + VM_STATUS, ST_ACK | ST_DRIVER | ST_FEATURES_OK | ST_DRIVER_OK);
	return (rd32(base + VM_STATUS) & ST_DRIVER_OK) ? 0 : -5;
}

/* Reset, negotiate VERSION_1 only, set up queue `qidx` on vqs[slot]; 0 on success. */
static int virtio_setup_q(u64 base, int slot, u32 qidx)
{
	int r = virtio_begin(base, 0);
	if (!r) r = virtio_queue(base, slot, qidx);
	if (!r) r = virtio_driver_ok(base);
	return r;
}
static int virtio_setup(u64 base, int slot) { return virtio_setup_q(base, slot, 0); }

static void vdesc_set(int slot, int i, u64 addr, u32 len, u16 flags, u16 next)
{
	struct vdesc *d = &vqs[slot].desc[i];
	d->addr = addr; d->len = len; d->flags = flags; d->next = next;
}

static void virtio_post(u64 base, int slot, u16 head)
{
	struct vq *q = &vqs[slot];
	q->avail_ring[q->avail_idx % QSZ] = head;
	mb();
	q->avail_idx++;
	mb();
	wr32(base + VM_QUEUE_NOTIFY, vq_index[slot]);
}

/* Waits for the next used element; returns its length (and its head in *id), or -1 on timeout. */
static long virtio_wait_id(int slot, u16 *id)
{
	struct vq *q = &vqs[slot];
	u64 t0 = rdtsc();
	while (*(volatile u16 *)&q->used_idx == last_used[slot]) {
		if (rdtsc() - t0 > TSC_TIMEOUT) return -1;
		cpu_relax();
	}
	mb();
	long len = q->used_ring[last_used[slot] % QSZ].len;
	if (id) *id = (u16)q->used_ring[last_used[slot] % QSZ].id;
	last_used[slot]++;
	return len;
}
static long virtio_wait(int slot) { return virtio_wait_id(slot, 0); }

/* One block request: header, up to two data buffers, status. Returns the status byte (0xff: timeout). */
static int blk_rw(u64 base, u32 type, u64 sector, u8 *buf, u32 len, int split)
{
	for (int i = 0; i < 16; i++) blk_hdr[i] = 0;
	blk_hdr[0] = type;
	for (int i = 0; i < 8; i++) blk_hdr[8 + i] = sector >> (8 * i);
	blk_status = 0xee;
	u16 wflag = (type == 0 || type == 8) ? D_WRITE : 0;
	int n = 0;
	vdesc_set(0, n, (u64)blk_hdr, 16, D_NEXT, n + 1); n++;
	if (len) {
		if (split) {
			vdesc_set(0, n, (u64)buf, len / 2, D_NEXT | wflag, n + 1); n++;
			vdesc_set(0, n, (u64)buf + len / 2, len - len / 2, D_NEXT | wflag, n + 1); n++;
		} else {
			vdesc_set(0, n, (u64)buf, len, D_NEXT | wflag, n + 1); n++;
		}
	}
	vdesc_set(0, n, (u64)&blk_status, 1, D_WRITE, 0);
	virtio_post(base, 0, 0);
	if (virtio_wait(0) < 0) return 0xff;
	return *(volatile u8 *)&blk_status;
}

static void put_status(const char *what, int st)
{
	puts_nl(what);
	puts_nl(" status ");
	put_dec(st);
	puts_nl("\n");
}

static void blk_test(u64 base)
{
	int r = virtio_setup(base, 0);
	if (r) { puts_nl("blk: setup FAILED "); put_dec(-r); puts_nl("\n"); return; }
	puts_nl("blk: capacity ");
	put_dec(rd32(base + VM_CONFIG) | ((u64)rd32(base + VM_CONFIG + 4) << 32));
	puts_nl(" sectors\n");

	for (int i = 0; i < 20; i++) rbuf[i] = 0;
	int st = blk_rw(base, 8, 0, rbuf, 20, 0);
	rbuf[20] = 0;
	puts_nl("blk: serial ");
	puts_nl((char *)rbuf);
	puts_nl(st ? " FAILED\n" : "\n");

	st = blk_rw(base, 0, 0, rbuf, 1024, 0);
	puts_nl("blk: sectors 0-1 crc32 ");
	put_hex(crc32(rbuf, 1024), 8);
	puts_nl(st ? " FAILED\n" : "\n");

	for (u32 i = 0; i < 4096; i++) wbuf[i] = (u8)((8 + i / 512) * 37 + i * 13 + (i >> 7));
	put_status("blk: write sectors 8-15", blk_rw(base, 1, 8, wbuf, 4096, 1));
	put_status("blk: flush", blk_rw(base, 4, 0, 0, 0, 0));
	for (u32 i = 0; i < 4096; i++) rbuf[i] = 0;
	st = blk_rw(base, 0, 8, rbuf, 4096, 1);
	int same = 1;
	for (u32 i = 0; i < 4096; i++) if (rbuf[i] != wbuf[i]) same = 0;
	puts_nl("blk: read sectors 8-15 ");
	puts_nl(same ? "match" : "DIFFER");
	puts_nl(" crc32 ");
	put_hex(crc32(rbuf, 4096), 8);
	puts_nl(st ? " FAILED\n" : "\n");
	u64 cap = rd32(base + VM_CONFIG) | ((u64)rd32(base + VM_CONFIG + 4) << 32);
	put_status("blk: read past the end", blk_rw(base, 0, cap, rbuf, 512, 0));
	u32 isr = rd32(base + VM_ISR);
	puts_nl("blk: interrupt status ");
	put_dec(isr & 3);
	puts_nl("\n");
	wr32(base + VM_ISR_ACK, isr);
	wr32(base + VM_STATUS, 0);
}

static void rng_test(u64 base)
{
	int r = virtio_setup(base, 1);
	if (r) { puts_nl("rng: setup FAILED "); put_dec(-r); puts_nl("\n"); return; }
	for (int i = 0; i < 64; i++) rbuf[i] = 0;
	vdesc_set(1, 0, (u64)rbuf, 64, D_WRITE, 0);
	virtio_post(base, 1, 0);
	long got = virtio_wait(1);
	int nonzero = 0;
	for (int i = 0; i < 64; i++) nonzero |= rbuf[i];
	puts_nl("rng: ");
	if (got < 0) puts_nl("TIMEOUT");
	else { puts_nl(got == 64 ? "got 64 bytes" : "SHORT"); puts_nl(nonzero ? " nonzero" : " ALL-ZERO"); }
	puts_nl("\n");
	wr32(base + VM_STATUS, 0);
}

/* virtio-net: MAC only, one receive buffer per frame, no offloads (the header stays all zero). */
#define NET_F_MAC 5
#define NET_HDR 12			/* virtio_net_hdr_v1 */
#define NET_RX_BUFS 4
#define NET_RX_BUF (NET_HDR + 1518)	/* the largest frame, VLAN tag included */
#define NET_TX_PAYLOAD 187		/* frame of 201 bytes: odd on purpose */
static u8 net_rx[NET_RX_BUFS][NET_RX_BUF] __attribute__((aligned(64)));
static u8 net_tx_hdr[NET_HDR] __attribute__((aligned(16)));
static u8 net_tx[14 + NET_TX_PAYLOAD] __attribute__((aligned(64)));

static u32 fnv1a(const u8 *p, u32 n)
{
	u32 h = 0x811c9dc5;
	for (u32 i = 0; i < n; i++) { h ^= p[i]; h *= 0x01000193; }
	return h;
}

static void put_mac(const u8 *m)
{
	for (int i = 0; i < 6; i++) { if (i) puts_nl(":"); put_hex(m[i], 2); }
}

static void net_post_rx(u64 base, u16 i)
{
	for (u32 k = 0; k < NET_RX_BUF; k++) net_rx[i][k] = 0;
	vdesc_set(2, i, (u64)net_rx[i], NET_RX_BUF, D_WRITE, 0);
	virtio_post(base, 2, i);
}

static void net_test(u64 base)
{
	int r = virtio_begin(base, 1u << NET_F_MAC);
	if (!r) r = virtio_queue(base, 2, 0);	/* receiveq1 */
	if (!r) r = virtio_queue(base, 3, 1);	/* transmitq1 */
	if (!r) r = virtio_driver_ok(base);
	if (r) { puts_nl("net: setup FAILED "); put_dec(-r); puts_nl("\n"); return; }
	u8 mac[6];
	for (int i = 0; i < 6; i++) mac[i] = rd8(base + VM_CONFIG + i);
	puts_nl("net: mac ");
	put_mac(mac);
	puts_nl("\n");

	/* Receive buffers before the frame goes out: the host answers it. */
	for (u16 i = 0; i < NET_RX_BUFS; i++) net_post_rx(base, i);

	/* Broadcast, from our MAC, a local experimental ethertype; header and frame in two descriptors. */
	for (int i = 0; i < NET_HDR; i++) net_tx_hdr[i] = 0;
	for (int i = 0; i < 6; i++) net_tx[i] = 0xff;
	copy(net_tx + 6, mac, 6);
	net_tx[12] = 0x88;
	net_tx[13] = 0xb5;
	for (u32 i = 0; i < NET_TX_PAYLOAD; i++) net_tx[14 + i] = (u8)(i * 13 + 5);
	vdesc_set(3, 0, (u64)net_tx_hdr, NET_HDR, D_NEXT, 1);
	vdesc_set(3, 1, (u64)net_tx, sizeof(net_tx), 0, 0);
	virtio_post(base, 3, 0);
	long st = virtio_wait(3);
	puts_nl("net: sent ");
	put_dec(sizeof(net_tx));
	puts_nl(" bytes fnv1a ");
	put_hex(fnv1a(net_tx, sizeof(net_tx)), 8);
	puts_nl(st < 0 ? " TIMEOUT\n" : "\n");

	/* The host's answer: the first 0x88b5 frame (anything else goes back to the device). */
	u64 t0 = rdtsc();
	for (;;) {
		u16 id = 0;
		long len = virtio_wait_id(2, &id);
		if (len < 0 || rdtsc() - t0 > TSC_TIMEOUT) { puts_nl("net: receive TIMEOUT\n"); break; }
		if (id >= NET_RX_BUFS) { puts_nl("net: receive BAD-ID\n"); break; }
		u8 *b = net_rx[id];
		if (len < NET_HDR + 14 || len > NET_RX_BUF || b[NET_HDR + 12] != 0x88 || b[NET_HDR + 13] != 0xb5) {
			net_post_rx(base, id);
			continue;
		}
		int clean = 1;
		for (int i = 0; i < 10; i++) clean &= b[i] == 0;	/* num_buffers (bytes 10-11) aside */
		puts_nl("net: received ");
		put_dec(len - NET_HDR);
		puts_nl(" bytes fnv1a ");
		put_hex(fnv1a(b + NET_HDR, len - NET_HDR), 8);
		puts_nl(clean ? " header clean\n" : " HEADER-SET\n");
		break;
	}
	wr32(base + VM_ISR_ACK, rd32(base + VM_ISR));
	wr32(base + VM_STATUS, 0);
}

/* Waits for the device to flag NEEDS_RESET, prints the verdict and resets it. */
static void evil_verdict(u64 base, const char *name)
{
	u64 t0 = rdtsc();
	while (!(rd32(base + VM_STATUS) & ST_NEEDS_RESET) && rdtsc() - t0 < TSC_TIMEOUT) cpu_relax();
	u32 st = rd32(base + VM_STATUS);
	puts_nl("evil: ");
	puts_nl(name);
	puts_nl(st & ST_NEEDS_RESET ? " needs-reset" : " NOT-DETECTED");
	puts_nl(rd32(base + VM_ISR) & 2 ? " config-interrupt\n" : " NO-CONFIG-INTERRUPT\n");
	wr32(base + VM_STATUS, 0);
}

static void evil_test(u64 blk, u64 rng)
{
	if (blk) {
		if (virtio_setup(blk, 0)) { puts_nl("evil: setup FAILED\n"); return; }
		vdesc_set(0, 0, (u64)blk_hdr, 16, D_NEXT, 1);
		vdesc_set(0, 1, 0x7f0000000000UL, 512, D_NEXT | D_WRITE, 2);
		vdesc_set(0, 2, (u64)&blk_status, 1, D_WRITE, 0);
		virtio_post(blk, 0, 0);
		evil_verdict(blk, "blk buffer outside ram");

		virtio_setup(blk, 0);
		vdesc_set(0, 0, 0xfffffffffffff000UL, 0x2000, D_WRITE, 0);
		virtio_post(blk, 0, 0);
		evil_verdict(blk, "blk address+length overflow");

		virtio_setup(blk, 0);
		vdesc_set(0, 0, (u64)blk_hdr, 16, D_NEXT, 1);
		vdesc_set(0, 1, (u64)blk_hdr, 16, D_NEXT, 0);
		virtio_post(blk, 0, 0);
		evil_verdict(blk, "blk looping chain");

		virtio_setup(blk, 0);
		vqs[0].avail_idx = 1000;
		mb();
		wr32(blk + VM_QUEUE_NOTIFY, 0);
		evil_verdict(blk, "blk avail index far ahead");

		virtio_setup(blk, 0);
		vdesc_set(0, 0, (u64)blk_hdr, 8, 0, 0);
		virtio_post(blk, 0, 0);
		evil_verdict(blk, "blk request without status");

		if (virtio_setup(blk, 0) == 0) {
			int st = blk_rw(blk, 0, 8, rbuf, 512, 0);
			puts_nl(st == 0 ? "evil: blk works after reset\n" : "evil: blk BROKEN after reset\n");
			wr32(blk + VM_STATUS, 0);
		}
	}
	if (rng) {
		virtio_setup(rng, 1);
		vdesc_set(1, 0, (u64)rbuf, 64, D_WRITE | D_NEXT, 1);
		vdesc_set(1, 1, (u64)rbuf, 64, D_WRITE | D_NEXT, 0);
		virtio_post(rng, 1, 0);
		evil_verdict(rng, "rng looping chain");
		virtio_setup(rng, 1);
		vdesc_set(1, 0, (u64)rbuf, 64, D_WRITE | D_NEXT, 200);
		virtio_post(rng, 1, 0);
		evil_verdict(rng, "rng next beyond queue");
	}
}

/* ---- bench modes (bench/virtio.sh): the host times the lines ------------ */
static void bench_line(const char *dev, const char *phase, const char *what, u64 n, u64 errors)
{
	puts_nl("VIREO-BENCH ");
	puts_nl(dev);
	puts_nl(" ");
	puts_nl(phase);
	puts_nl(" ");
	puts_nl(what);
	if (n) { puts_nl(" "); put_dec(n); puts_nl(" errors "); put_dec(errors); }
	puts_nl("\n");
}

/* As a driver's interrupt handler would (interrupts stay off: the probe polls): read and ack the ISR. */
static void bench_ack(u64 base) { wr32(base + VM_ISR_ACK, rd32(base + VM_ISR)); }

static void blk_bench(u64 base, u64 n)
{
	if (virtio_setup(base, 0)) { puts_nl("VIREO-BENCH blk setup FAILED\n"); return; }
	u64 blocks = (rd32(base + VM_CONFIG) | ((u64)rd32(base + VM_CONFIG + 4) << 32)) / 8;
	if (!blocks) { puts_nl("VIREO-BENCH blk empty disk\n"); return; }
	for (u32 i = 0; i < 4096; i++) wbuf[i] = (u8)(i * 7 + 3);
	/* warmup: sequential reads first, so that a JIT-compiled VMM is warm for the measured phases. */
	static const char *phases[5] = { "warmup", "seqwrite", "seqread", "randwrite", "randread" };
	for (int ph = 0; ph < 5; ph++) {
		u64 seed = 12345, errors = 0;
		bench_line("blk", phases[ph], "start", 0, 0);
		for (u64 i = 0; i < n; i++) {
			u64 b = i % blocks;
			if (ph >= 3) { seed = seed * 6364136223846793005UL + 1442695040888963407UL; b = (seed >> 33) % blocks; }
			int write = ph == 1 || ph == 3;
			if (blk_rw(base, write ? 1 : 0, b * 8, write ? wbuf : rbuf, 4096, 0)) errors++;
			bench_ack(base);
		}
		bench_line("blk", phases[ph], "done", n, errors);
	}
	wr32(base + VM_STATUS, 0);
}

static u8 net_frame[12 + 1514] __attribute__((aligned(64)));

static void net_bench(u64 base, u64 n)
{
	/* TX is queue 1; the receive queue stays unset (nothing is received). */
	if (virtio_setup_q(base, 2, 1)) { puts_nl("VIREO-BENCH net setup FAILED\n"); return; }
	for (u32 i = 0; i < sizeof(net_frame); i++) net_frame[i] = 0;
	static const u8 eth[14] = { 0x02, 0, 0, 0, 0, 0x01, 0x52, 0x54, 0, 0x12, 0x34, 0x56, 0x88, 0xb5 };
	copy(net_frame + 12, eth, 14);
	for (u32 i = 26; i < sizeof(net_frame); i++) net_frame[i] = (u8)i;
	puts_nl("VIREO-BENCH net wait\n");
	while (!(inb(COM1 + 5) & 1)) cpu_relax();
	inb(COM1);
	u64 errors = 0;
	bench_line("net", "tx", "start", 0, 0);
	for (u64 i = 0; i < n; i++) {
		vdesc_set(2, 0, (u64)net_frame, sizeof(net_frame), 0, 0);
		virtio_post(base, 2, 0);
		if (virtio_wait(2) < 0) { errors++; break; }
		bench_ack(base);
	}
	bench_line("net", "tx", "done", n, errors);
	wr32(base + VM_STATUS, 0);
}

static void benches(void)
{
	const char *b = opt("vireo.blkbench"), *nb = opt("vireo.netbench");
	if (b) {
		u64 base = find_virtio(2, 0);
		if (base) blk_bench(base, atou(b));
		else puts_nl("VIREO-BENCH blk no device\n");
	}
	if (nb) {
		u64 base = find_virtio(1, 0);
		if (base) net_bench(base, atou(nb));
		else puts_nl("VIREO-BENCH net no device\n");
	}
}

static void virtio_tests(void)
{
	int want_blk = opt("vireo.blk") != 0, want_rng = opt("vireo.rng") != 0, evil = opt("vireo.evil") != 0;
	int want_net = opt("vireo.net") != 0;
	if (!want_blk && !want_rng && !evil && !want_net) return;
	int n = 0;
	u64 blk = find_virtio(2, &n), rng = find_virtio(4, 0), net = find_virtio(1, 0);
	puts_nl("virtio: ");
	put_dec(n);
	puts_nl(" devices");
	puts_nl(blk ? " blk" : "");
	puts_nl(net ? " net" : "");
	puts_nl(rng ? " rng" : "");
	puts_nl("\n");
	if (want_blk && blk) blk_test(blk);
	if (want_net && net) net_test(net);
	if (want_rng && rng) rng_test(rng);
	if (evil) evil_test(blk, rng);
}

/* ---- interactive modes -------------------------------------------------- */
static void echo_mode(void)
{
	char line[256]; int n = 0;
	puts_nl("echo: ready\n");
	for (;;) {
		while (!(inb(COM1 + 5) & 1)) cpu_relax();
		char c = inb(COM1);
		if (c == '\r' || c == '\n') {
			if (n == 0) continue;
			line[n] = 0;
			if (n == 3 && memeq(line, "end", 3)) break;
			puts_nl("echo: ");
			puts_nl(line);
			puts_nl("\n");
			n = 0;
		} else if (n < 255) {
			line[n++] = c;
		}
	}
	puts_nl("echo: end\n");
}

/* Ctrl-Alt-Del as set-1 make codes: Ctrl 0x1d, Alt 0x38, Del 0x53 (0xe0-prefixed or not). */
static int ctrl_alt_del_seen(void)
{
	static int ctrl, alt;
	while (inb(0x64) & 1) {
		u8 sc = inb(0x60);
		if (sc == 0x1d) ctrl = 1;
		else if (sc == 0x9d) ctrl = 0;
		else if (sc == 0x38) alt = 1;
		else if (sc == 0xb8) alt = 0;
		else if (sc == 0x53 && ctrl && alt) return 1;
	}
	return 0;
}

static void loop_mode(void)
{
	for (u64 n = 1;; n++) {
		puts_nl("tick ");
		put_dec(n);
		puts_nl("\n");
		for (int i = 0; i < 2000; i++) {
			if (ctrl_alt_del_seen()) { puts_nl("probe: ctrl-alt-del\n"); return; }
			spin(2000);
		}
	}
}

static void uart_mode(u64 n)
{
	puts_nl("uart: start\n");
	for (u64 i = 0; i < n; i++) putc_raw((i & 63) == 63 ? '\n' : '.');
	puts_nl("\nuart: done\n");
}

static void reset(void)
{
	kbc_wait_in();
	outb(0x64, 0xfe);
	spin(100000);
	/* No controller answered: triple fault with an empty IDT. */
	struct { u16 limit; u64 base; } __attribute__((packed)) idt = { 0, 0 };
	__asm__ volatile("lidt %0; int3" :: "m"(idt));
}

void probe_main(u64 bp)
{
	uart_init();
	puts_nl("\nVIREO-PROBE 1 start\n");
	check_boot(bp);
	check_pci();
	check_rtc();
	check_i8042();
	smp_boot(bp);
	virtio_tests();
	benches();
	const char *u = opt("probe.uart");
	if (opt("probe.echo")) echo_mode();
	if (u) uart_mode(atou(u));
	if (opt("probe.loop")) loop_mode();
	puts_nl("VIREO-PROBE 1 done\n");
	if (opt("probe.noreset")) for (;;) __asm__ volatile("cli; hlt");
	reset();
}
