import { InputError } from '../output/errors';
import type { MediaLimits } from './file';
import { formatBytes } from './rules';

/** A file as it was loaded, before its name and type are settled. */
export interface LoadedFile {
	bytes: Buffer;
	/** What the file was called where it came from; undefined when nothing said. */
	originalName?: string;
	declaredMime?: string;
	/** How error messages name the file: `binary field "data"` or `the file at https://…`. */
	source: string;
	/** The parameter an error about the file points at. */
	parameter: 'Input Binary Field' | 'Media URL';
}

/** The refusal of a file over the provider's limits, saying why that is the limit. */
export function tooLarge(
	loaded: Pick<LoadedFile, 'source' | 'parameter'>,
	size: string,
	limits: MediaLimits,
): InputError {
	return new InputError(
		loaded.parameter,
		`${loaded.source} is ${size}, over the limit of ${formatBytes(limits.maxBytes)}${limits.reason ? `: ${limits.reason}` : ''}`,
		limits.remedy ?? `a file of at most ${formatBytes(limits.maxBytes)}`,
	);
}
