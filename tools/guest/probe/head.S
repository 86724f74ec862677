/*
 * Entry points of the probe's protected-mode part, linked at 1 MiB:
 *   +0x000 startup_32: 32-bit boot protocol (flat protected mode, paging off, ESI = boot_params)
 *   +0x200 startup_64: 64-bit boot protocol (long mode, identity paging, RSI = boot_params)
 * plus the real-mode AP trampoline that probe.c copies below 1 MiB.
 */
#define TRAMP_BASE 0x6000

	.section .head32, "ax"
	.code32
	.globl startup_32
startup_32:
	cli
	cld
	movl	%esi, %edi
	lgdt	gdtr32
	ljmp	$0x18, $1f
1:	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	call	enable_long_mode32
	ljmp	$0x08, $common64

/* Shared by the BSP's 32-bit path and the APs: PAE, our page tables, LME, PG. */
enable_long_mode32:
	movl	%cr4, %eax
	orl	$0x20, %eax
	movl	%eax, %cr4
	movl	$pml4, %eax
	movl	%eax, %cr3
	movl	$0xc0000080, %ecx
	rdmsr
	orl	$0x100, %eax
	wrmsr
	movl	%cr0, %eax
	orl	$0x80000001, %eax
	movl	%eax, %cr0
	ret

	.section .head64, "ax"
	.code64
	.globl startup_64
startup_64:
	cli
	cld
	movq	%rsi, %rdi
	lgdt	gdtr64(%rip)
	movq	$pml4, %rax
	movq	%rax, %cr3
	pushq	$0x08
	leaq	common64(%rip), %rax
	pushq	%rax
	lretq

	.text
common64:
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%eax, %fs
	movl	%eax, %gs
	movl	%edi, %edi		/* boot_params is below 4 GiB; drop undefined high bits */
	leaq	bsp_stack_top(%rip), %rsp
	movq	%rdi, %rbx
	leaq	__bss_start(%rip), %rdi
	leaq	_end(%rip), %rcx
	subq	%rdi, %rcx
	xorl	%eax, %eax
	rep stosb
	movq	%rbx, %rdi
	call	probe_main
2:	cli
	hlt
	jmp	2b

	.globl ap_entry64
ap_entry64:
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	$0xfee00020, %ebx	/* LAPIC ID register picks this AP's stack */
	movl	(%rbx), %edi
	shrl	$24, %edi
	movl	%edi, %eax
	andl	$15, %eax
	incl	%eax
	shll	$12, %eax
	leaq	ap_stacks(%rip), %rsp
	addq	%rax, %rsp
	call	ap_main
3:	cli
	hlt
	jmp	3b

/* Real-mode AP trampoline, copied to TRAMP_BASE; SIPI vector TRAMP_BASE >> 12. */
	.globl trampoline_start, trampoline_end
	.code16
trampoline_start:
	cli
	movw	%cs, %ax
	movw	%ax, %ds
	lgdtl	tgdtr - trampoline_start
	movl	%cr0, %eax
	orb	$1, %al
	movl	%eax, %cr0
	ljmpl	$0x18, $(TRAMP_BASE + tramp32 - trampoline_start)
	.code32
tramp32:
	movl	$0x10, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	$(TRAMP_BASE + 0xff0), %esp
	movl	$enable_long_mode32, %eax
	call	*%eax
	ljmp	$0x08, $ap_entry64
	.balign 4
tgdtr:	.word	gdt_end - gdt - 1
	.long	gdt
trampoline_end:

	.data
	.balign 16
gdt:	.quad	0
	.quad	0x00af9a000000ffff	/* 0x08: 64-bit code */
	.quad	0x00cf92000000ffff	/* 0x10: data */
	.quad	0x00cf9a000000ffff	/* 0x18: 32-bit code */
gdt_end:
gdtr32:	.word	gdt_end - gdt - 1
	.long	gdt
	.balign 8
	.word	0, 0, 0
gdtr64:	.word	gdt_end - gdt - 1
	.quad	gdt

/* Identity map of the first 4 GiB with 2 MiB pages, built at link time. */
	.balign 4096
	.globl pml4
pml4:	.quad	pdpt + 0x3
	.fill	511, 8, 0
pdpt:	.quad	pd + 0x3
	.quad	pd + 0x1003
	.quad	pd + 0x2003
	.quad	pd + 0x3003
	.fill	508, 8, 0
pd:
	.set	i, 0
	.rept	2048
	.quad	(i << 21) | 0x83
	.set	i, i + 1
	.endr

	.bss
	.balign 4096
	.globl ap_stacks
ap_stacks:
	.fill	17 * 4096, 1, 0
bsp_stack:
	.fill	16384, 1, 0
bsp_stack_top:
