import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const MASK = '***';

// Shorter values would mask ordinary words; real keys and tokens are far longer.
const MIN_SECRET_LENGTH = 6;

/**
 * The secret strings of a credential: as typed, and without a pasted "Bearer " prefix. The forms a
 * provider may echo them in (URL-, form- or JSON-encoded, HTML entities, any mix) are matched by
 * `maskText`, so they need not be listed here. Longest first, so a secret that contains another is
 * masked whole.
 */
export function secretsOf(
	credentials: ICredentialDataDecryptedObject,
	fields: readonly string[],
): string[] {
	const secrets = new Set<string>();
	for (const field of fields) {
		const value = String(credentials[field] ?? '').trim();
		for (const candidate of [value, value.replace(/^bearer\s+/i, '')]) {
			if (candidate.length >= MIN_SECRET_LENGTH) secrets.add(candidate);
		}
	}
	return [...secrets].sort((a, b) => b.length - a.length);
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/-]/g;

/** `2F` → `2[fF]`: hex digits as any case writes them. */
function hexAnyCase(hex: string): string {
	return [...hex]
		.map((digit) =>
			/[a-f]/i.test(digit) ? `[${digit.toLowerCase()}${digit.toUpperCase()}]` : digit,
		)
		.join('');
}

const NAMED_ENTITIES: Record<string, string[]> = {
	'&': ['&amp;', '&AMP;'],
	'<': ['&lt;', '&LT;'],
	'>': ['&gt;', '&GT;'],
	'"': ['&quot;', '&QUOT;'],
	"'": ['&apos;'],
};

// What a JSON or JavaScript string writer may put before the character itself.
const BACKSLASHED = ['"', '\\', '/', "'"];

/**
 * Every way one character of a secret can appear in an echo: as itself; percent-encoded in either case
 * (its UTF-8 bytes); `+` for a space (form encoding); an HTML entity, named or numeric in decimal or hex;
 * a JSON / JavaScript escape (`\uXXXX`, `\xXX`, `\/`, `\"`).
 */
function characterPattern(char: string): string {
	const codePoint = char.codePointAt(0)!;
	const alternatives = new Set<string>([char.replace(REGEX_SPECIAL, '\\$&')]);
	const utf8 = [...Buffer.from(char, 'utf8')].map(
		(byte) => `%${hexAnyCase(byte.toString(16).padStart(2, '0'))}`,
	);
	alternatives.add(utf8.join(''));
	if (char === ' ') alternatives.add('\\+');
	alternatives.add(`&#0*${codePoint};`);
	alternatives.add(`&#[xX]0*${hexAnyCase(codePoint.toString(16))};`);
	for (const entity of NAMED_ENTITIES[char] ?? []) alternatives.add(entity);
	const units = [...Array(char.length).keys()].map((i) =>
		char.charCodeAt(i).toString(16).padStart(4, '0'),
	);
	alternatives.add(units.map((unit) => `\\\\[uU]${hexAnyCase(unit)}`).join(''));
	if (codePoint < 0x100)
		alternatives.add(`\\\\[xX]${hexAnyCase(codePoint.toString(16).padStart(2, '0'))}`);
	if (BACKSLASHED.includes(char)) alternatives.add(`\\\\${char.replace(REGEX_SPECIAL, '\\$&')}`);
	return `(?:${[...alternatives].join('|')})`;
}

interface Patterns {
	find: RegExp;
	replace: RegExp;
}

// Compiled per list of secrets, and forgotten with it: nothing outlives the execution that read the credential.
const compiled = new WeakMap<readonly string[], Patterns>();

function patternsFor(secrets: readonly string[]): Patterns {
	let patterns = compiled.get(secrets);
	if (!patterns) {
		const source = [...secrets]
			.sort((a, b) => b.length - a.length)
			.map((secret) => [...secret].map(characterPattern).join(''))
			.join('|');
		patterns = { find: new RegExp(source), replace: new RegExp(source, 'g') };
		compiled.set(secrets, patterns);
	}
	return patterns;
}

export function maskText(text: string, secrets: readonly string[]): string {
	if (secrets.length === 0 || text === '') return text;
	const { find, replace } = patternsFor(secrets);
	return find.test(text) ? text.replace(replace, MASK) : text;
}

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
	return (
		value !== null &&
		typeof value === 'object' &&
		!Buffer.isBuffer(value) &&
		!ArrayBuffer.isView(value)
	);
}

function entriesOf(container: Container): Array<[string, unknown]> {
	try {
		return Object.entries(container);
	} catch {
		// A getter that throws: nothing readable there, nothing to mask.
		return [];
	}
}

function setEntry(target: Container, key: string, value: unknown): void {
	// defineProperty, so a key such as "__proto__" stays a plain key.
	Object.defineProperty(target, key, {
		value,
		enumerable: true,
		writable: true,
		configurable: true,
	});
}

/**
 * `value` with every secret masked, in strings and in object keys, however deep. The walk is a loop,
 * not recursion, so a hostile answer nested a million levels deep cannot overflow the stack or slip
 * past a depth limit. Only what holds a secret is copied: a clean answer comes back as the same
 * object, so a large broadcast's outputs are not all built twice. Cycles are kept as cycles.
 */
export function maskDeep<T>(value: T, secrets: readonly string[]): T {
	if (secrets.length === 0) return value;
	if (typeof value === 'string') return maskText(value, secrets) as T;
	if (!isContainer(value)) return value;
	const { find } = patternsFor(secrets);
	const holds = (text: string) => find.test(text);

	// 1. Every container reachable from `value`, who contains it, and which hold a secret themselves.
	const nodes: Container[] = [value];
	const indexOf = new Map<unknown, number>([[value, 0]]);
	const parents: number[][] = [[]];
	const dirty: boolean[] = [false];
	for (let at = 0; at < nodes.length; at++) {
		for (const [key, entry] of entriesOf(nodes[at])) {
			if (!dirty[at] && (holds(key) || (typeof entry === 'string' && holds(entry))))
				dirty[at] = true;
			if (!isContainer(entry)) continue;
			let child = indexOf.get(entry);
			if (child === undefined) {
				child = nodes.length;
				indexOf.set(entry, child);
				nodes.push(entry);
				parents.push([]);
				dirty.push(false);
			}
			parents[child].push(at);
		}
	}
	// 2. A container is copied when it, or anything inside it, holds a secret.
	const pending = dirty.flatMap((isDirty, index) => (isDirty ? [index] : []));
	while (pending.length > 0) {
		for (const parent of parents[pending.pop()!]) {
			if (!dirty[parent]) {
				dirty[parent] = true;
				pending.push(parent);
			}
		}
	}
	if (!dirty[0]) return value;
	// 3. The copies, filled once all exist, so cycles point at copies too.
	const copies = new Map<unknown, Container>();
	nodes.forEach((node, index) => {
		if (dirty[index]) copies.set(node, Array.isArray(node) ? new Array<unknown>(node.length) : {});
	});
	for (const [node, copy] of copies) {
		for (const [key, entry] of entriesOf(node as Container)) {
			const masked =
				typeof entry === 'string' ? maskText(entry, secrets) : (copies.get(entry) ?? entry);
			setEntry(copy, Array.isArray(copy) ? key : maskText(key, secrets), masked);
		}
	}
	return copies.get(value) as T;
}

interface ErrorParts {
	message: string;
	stack?: string;
	description?: string | null;
	messages?: string[];
	context?: unknown;
	errorResponse?: unknown;
	cause?: unknown;
}

/**
 * Masks every secret in an error the node hands to n8n, in place: message, description, stack, the
 * messages n8n keeps, `context`, `errorResponse` and `cause` (n8n persists a cause's name and message).
 */
export function scrubError<E extends Error>(error: E, secrets: readonly string[]): E {
	if (secrets.length === 0) return error;
	const parts = error as unknown as ErrorParts;
	parts.message = maskText(parts.message ?? '', secrets);
	if (typeof parts.stack === 'string') parts.stack = maskText(parts.stack, secrets);
	if (typeof parts.description === 'string')
		parts.description = maskText(parts.description, secrets);
	if (Array.isArray(parts.messages))
		parts.messages = parts.messages.map((m) => maskText(String(m), secrets));
	if (parts.context && typeof parts.context === 'object') {
		const context = parts.context as Record<string, unknown>;
		for (const [key, value] of Object.entries(context)) context[key] = maskDeep(value, secrets);
	}
	if (parts.errorResponse !== undefined)
		parts.errorResponse = maskDeep(parts.errorResponse, secrets);
	if (parts.cause !== undefined) {
		const cause = parts.cause;
		const safe =
			cause instanceof Error
				? { name: cause.name, message: maskText(cause.message, secrets) }
				: maskDeep(cause, secrets);
		Object.defineProperty(error, 'cause', {
			value: safe,
			writable: true,
			configurable: true,
			enumerable: false,
		});
	}
	return error;
}

// Query parameters whose values are keys or signatures (S3 and GCS signed links, tokens in links).
const SECRET_QUERY = /sig|signature|token|key|secret|pass|auth|credential/i;

/**
 * A link as an error message may show it: a user name and password in it, and the values of query
 * parameters that carry keys or signatures, replaced by `***`. A value that is not a URL is not shown.
 */
export function displayUrl(raw: string): string {
	let url: URL;
	try {
		url = new URL(raw.trim());
	} catch {
		return 'a value that is not a URL';
	}
	if (url.username) url.username = MASK;
	if (url.password) url.password = MASK;
	for (const name of [...new Set(url.searchParams.keys())]) {
		if (SECRET_QUERY.test(name)) url.searchParams.set(name, MASK);
	}
	return url.href.replace(/%2A%2A%2A/g, MASK);
}
