// Which link hosts are on the n8n server's own machine or network. The node downloads media links for the
// Multi-Session provider and uploads the bytes to a chat; used as an AI agent's tool, that would make it a way
// to read internal services. Names that merely resolve to such addresses are n8n's SSRF protection's job
// (N8N_SSRF_PROTECTION_ENABLED): it sees the resolved address, the node sees only the link.

/** The four numbers of an IPv4 address, or undefined. */
function ipv4(host: string): number[] | undefined {
	const parts = host.split('.');
	if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) return undefined;
	const numbers = parts.map(Number);
	return numbers.every((n) => n <= 255) ? numbers : undefined;
}

function privateIpv4([a, b]: number[]): string | undefined {
	if (a === 127) return 'a loopback address';
	if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168))
		return 'a private network address';
	if (a === 169 && b === 254) return 'a link-local address';
	if (a === 0) return 'an unspecified address';
	return undefined;
}

/** The eight 16-bit groups of an IPv6 address as the URL parser writes it (compressed, lower case), or undefined. */
function ipv6(host: string): number[] | undefined {
	if (!host.includes(':')) return undefined;
	let text = host;
	// An embedded IPv4 tail (the URL parser writes these in hex, but be safe).
	const tail = /:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
	if (tail) {
		const v4 = ipv4(tail[1]);
		if (!v4) return undefined;
		text = `${text.slice(0, tail.index)}:${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
	}
	const halves = text.split('::');
	if (halves.length > 2) return undefined;
	const group = (part: string) => (part === '' ? [] : part.split(':'));
	const head = group(halves[0]);
	const rest = halves.length === 2 ? group(halves[1]) : [];
	const missing = 8 - head.length - rest.length;
	if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
	const groups = [
		...head,
		...new Array<string>(halves.length === 2 ? missing : 0).fill('0'),
		...rest,
	];
	if (!groups.every((g) => /^[0-9a-f]{1,4}$/i.test(g))) return undefined;
	return groups.map((g) => parseInt(g, 16));
}

function privateIpv6(groups: number[]): string | undefined {
	const zeroUpTo = (n: number) => groups.slice(0, n).every((g) => g === 0);
	if (zeroUpTo(7) && groups[7] === 1) return 'a loopback address';
	if (zeroUpTo(8)) return 'an unspecified address';
	// IPv4-mapped (::ffff:a.b.c.d): the IPv4 rules apply.
	if (zeroUpTo(5) && groups[5] === 0xffff) {
		return privateIpv4([groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff]);
	}
	if ((groups[0] & 0xfe00) === 0xfc00) return 'a private network address (unique local)';
	if ((groups[0] & 0xffc0) === 0xfe80) return 'a link-local address';
	return undefined;
}

/**
 * Why a URL's host is on the local machine or network — `localhost`, `*.localhost`, or an IP address in a
 * loopback, private (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, fe80::/10) or
 * unspecified range — or undefined for any other host. Takes the host as `new URL()` gives it: decimal,
 * hex and short IPv4 forms (2130706433, 0x7f.1) are already written as 127.0.0.1 there.
 */
export function privateHostReason(hostname: string): string | undefined {
	const host = hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '');
	if (host === 'localhost' || host.endsWith('.localhost')) return 'the local machine (localhost)';
	const v4 = ipv4(host);
	if (v4) return privateIpv4(v4);
	const v6 = ipv6(host);
	return v6 ? privateIpv6(v6) : undefined;
}
