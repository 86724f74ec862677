/*
 * Real-mode part of the probe bzImage: the Linux setup header, plus a tiny
 * 16-bit setup for loaders that enter through the real-mode entry (QEMU's
 * linuxboot ROM does). Loaders using the 64-bit entry (Vireo) never run the
 * code here; they only read the header.
 *
 * Offsets are relative to the start of the file, which is also the start of
 * struct boot_params, so this file doubles as the zero-page template.
 * SYSSIZE and INIT_SIZE are passed with --defsym by build-probe.sh.
 */
#define ZP 0x1000
	.code16
	.section .text
	.globl _start
_start:
	.fill 0x1f1, 1, 0
	.byte	SETUP_SECTS		/* 0x1f1 setup_sects */
	.word	0			/* 0x1f2 root_flags */
	.long	SYSSIZE			/* 0x1f4 syssize (16-byte units) */
	.word	0			/* 0x1f8 ram_size */
	.word	0xffff			/* 0x1fa vid_mode: normal */
	.word	0			/* 0x1fc root_dev */
	.word	0xaa55			/* 0x1fe boot_flag */
	/* 0x200: real-mode entry; the jump length also tells the header end. */
	.byte	0xeb, start_of_setup - 0x202
	.ascii	"HdrS"			/* 0x202 */
	.word	0x020f			/* 0x206 version */
	.long	0			/* 0x208 realmode_swtch */
	.word	0x1000			/* 0x20c start_sys_seg (obsolete) */
	.word	kversion - 0x200	/* 0x20e kernel_version */
	.byte	0			/* 0x210 type_of_loader */
	.byte	0x01			/* 0x211 loadflags: LOADED_HIGH */
	.word	0x8000			/* 0x212 setup_move_size */
	.long	0x100000		/* 0x214 code32_start */
	.long	0			/* 0x218 ramdisk_image */
	.long	0			/* 0x21c ramdisk_size */
	.long	0			/* 0x220 bootsect_kludge */
	.word	0			/* 0x224 heap_end_ptr */
	.byte	0			/* 0x226 ext_loader_ver */
	.byte	0			/* 0x227 ext_loader_type */
	.long	0			/* 0x228 cmd_line_ptr */
	.long	0x37ffffff		/* 0x22c initrd_addr_max */
	.long	0x200000		/* 0x230 kernel_alignment */
	.byte	0			/* 0x234 relocatable_kernel: no, linked at 1 MiB */
	.byte	21			/* 0x235 min_alignment */
	.word	0x0001			/* 0x236 xloadflags: XLF_KERNEL_64 */
	.long	2047			/* 0x238 cmdline_size */
	.long	0			/* 0x23c hardware_subarch */
	.quad	0			/* 0x240 hardware_subarch_data */
	.long	0			/* 0x248 payload_offset */
	.long	0			/* 0x24c payload_length */
	.quad	0			/* 0x250 setup_data */
	.quad	0x100000		/* 0x258 pref_address */
	.long	INIT_SIZE		/* 0x260 init_size */
	.long	0			/* 0x264 handover_offset */
	.long	0			/* 0x268 kernel_info_offset */

/* Entered at (setup_seg + 0x20):0 with DS = setup_seg = the zero page. */
start_of_setup:
	cli
	cld
	movw	%ds, %ax
	movw	%ax, %es
	movw	%ax, %ss
	movw	$0xe000, %sp

	/* Fast A20 (harmless where A20 is always on). */
	inb	$0x92, %al
	orb	$0x02, %al
	andb	$0xfe, %al
	outb	%al, $0x92

	/*
	 * Build boot_params at ZP (setup segment + 0x1000): the loaded image holds
	 * only the header, and its e820 area overlaps this code. Zero it, then copy
	 * the header the loader filled in (0x1f1 .. end of header).
	 */
	movw	$ZP, %di
	movw	$2048, %cx
	xorw	%ax, %ax
	rep stosw
	movw	$0x1f1, %si
	movw	$(ZP + 0x1f1), %di
	movw	$(start_of_setup - 0x1f1), %cx
	rep movsb

	/* Memory map from the BIOS (INT 15h, E820). */
	movw	$(ZP + 0x2d0), %di
	xorl	%ebx, %ebx
1:	movl	$0xe820, %eax
	movl	$20, %ecx
	movl	$0x534d4150, %edx
	int	$0x15
	jc	2f
	cmpl	$0x534d4150, %eax
	jne	2f
	incb	ZP + 0x1e8
	addw	$20, %di
	testl	%ebx, %ebx
	jz	2f
	cmpb	$128, ZP + 0x1e8
	jb	1b
2:
	/* Linear address of the segment; patch the GDT base and far pointer. */
	xorl	%ebp, %ebp
	movw	%ds, %bp
	shll	$4, %ebp
	movl	%ebp, %eax
	addl	$gdt, %eax
	movl	%eax, gdtr + 2
	movl	%ebp, %eax
	addl	$pm32, %eax
	movl	%eax, farptr
	leal	ZP(%ebp), %esi
	lgdtl	gdtr
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	ljmpl	*farptr

	.code32
pm32:	movl	$0x18, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	/* 32-bit boot protocol: ESI = boot_params, jump to code32_start. */
	jmp	*0x214(%esi)

	.balign 8
gdt:	.quad	0
	.quad	0
	.quad	0x00cf9a000000ffff	/* 0x10: flat 32-bit code */
	.quad	0x00cf92000000ffff	/* 0x18: flat data */
gdtr:	.word	gdtr - gdt - 1
	.long	0
farptr:	.long	0
	.word	0x10
kversion:
	.asciz	"vireo-probe 1"
	.fill	(SETUP_SECTS + 1) * 512 - (. - _start), 1, 0
