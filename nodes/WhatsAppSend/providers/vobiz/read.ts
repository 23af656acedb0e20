import type { MessageOf } from '../../input/message';
import type { Read } from '../../input/parameters';
import { optionalString, readOptions, readResourceLocator } from '../../input/values';
import { InputError } from '../../output/errors';

export const VOBIZ_TYPES = [
	'text',
	'image',
	'video',
	'audio',
	'document',
	'sticker',
	'template',
] as const;
export type VobizType = (typeof VOBIZ_TYPES)[number];

const TEMPLATE_HEADER_MEDIA_TYPES = ['image', 'video', 'document'] as const;
export type TemplateHeaderMediaType = (typeof TEMPLATE_HEADER_MEDIA_TYPES)[number];

/** What Vobiz reads of its own parameters. */
export interface VobizExtras {
	/** The channel id, as given (checked by `validate`; its WABA id is looked up). */
	channel: string;
	/** Whether Media URL holds a Meta media id. */
	mediaId?: boolean;
	/** The media type of a template's header, for templates whose list entry does not say. */
	templateHeaderType?: TemplateHeaderMediaType;
	templateLanguage?: string;
	templateButtonParameter?: string;
}

export type VobizMessage = MessageOf<VobizType, VobizExtras>;

function readTemplateHeaderType(value: unknown): TemplateHeaderMediaType | undefined {
	if (value === undefined || value === '' || value === 'auto') return undefined;
	const type = String(value).trim().toLowerCase();
	if ((TEMPLATE_HEADER_MEDIA_TYPES as readonly string[]).includes(type))
		return type as TemplateHeaderMediaType;
	throw new InputError(
		'Template Header Media Type',
		`"${String(value)}" is not a header media type`,
		'"image", "video" or "document"',
	);
}

export function readVobizExtras(read: Read, type: VobizType): VobizExtras {
	const options = readOptions(read);
	const extras: VobizExtras = {
		mediaId: options.mediaId as boolean | undefined,
		templateHeaderType: readTemplateHeaderType(options.templateHeaderType),
		channel: readResourceLocator(read, 'channel', 'Channel'),
	};
	if (type === 'template') {
		extras.templateLanguage = optionalString(read, 'templateLanguage', 'Template Language');
		extras.templateButtonParameter = optionalString(
			read,
			'templateButtonParameter',
			'Template Button Parameter',
		);
	}
	return extras;
}

/** A template is named by the Template picker: a list pick (name:language) or a name typed By Name. */
export function readVobizTemplateId(read: Read): string {
	return readResourceLocator(read, 'template', 'Template');
}
