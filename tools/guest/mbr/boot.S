/*
 * A one-sector disk for boot tests: the BIOS loads it at 0x7c00 from the first hard disk and jumps to
 * it in real mode; it writes VIREO-MBR-BOOT to COM1 and halts. Proof that a guest booted from its disk
 * (<boot dev='hd'/>) through the firmware, whatever the image format the disk is stored in.
 */
	.code16
	.globl _start
_start:
	xor %ax, %ax
	mov %ax, %ds
	mov $message, %si
next:
	lodsb
	test %al, %al
	jz done
	mov %al, %bl
	mov $0x3fd, %dx		/* line status: wait until the transmitter holding register is empty */
wait:
	in %dx, %al
	test $0x20, %al
	jz wait
	mov $0x3f8, %dx
	mov %bl, %al
	out %al, %dx
	jmp next
done:
	cli
	hlt
	jmp done
message:
	.asciz "VIREO-MBR-BOOT\r\n"
	.org 510
	.word 0xaa55
