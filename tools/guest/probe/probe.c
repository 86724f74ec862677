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
	const char *u = opt("probe.uart");
	if (opt("probe.echo")) echo_mode();
	if (u) uart_mode(atou(u));
	if (opt("probe.loop")) loop_mode();
	puts_nl("VIREO-PROBE 1 done\n");
	if (opt("probe.noreset")) for (;;) __asm__ volatile("cli; hlt");
	reset();
}
