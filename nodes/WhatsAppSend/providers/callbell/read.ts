import type { IDataObject } from 'n8n-workflow';

import type { MessageOf } from '../../input/message';
import type { Read } from '../../input/parameters';
import { optionText, readOptions, readResourceLocator, safeJson } from '../../input/values';
import { InputError } from '../../output/errors';

export const CALLBELL_TYPES = ['text', 'image', 'video', 'audio', 'document', 'template'] as const;
export type CallbellType = (typeof CALLBELL_TYPES)[number];

/** What Callbell reads of its own parameters: the channel, and where the conversation goes. */
export interface CallbellExtras {
	/** The channel uuid, as given (checked by `validate`). */
	channel: string;
	assignedUser?: string;
	teamUuid?: string;
	botStatus?: string;
	metadata?: IDataObject;
}

export type CallbellMessage = MessageOf<CallbellType, CallbellExtras>;

function readMetadata(raw: unknown): IDataObject | undefined {
	if (raw === undefined || raw === '') return undefined;
	const value = typeof raw === 'string' ? safeJson(raw) : raw;
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		throw new InputError(
			'Metadata',
			'is not a JSON object',
			'an object such as {"orderId": "123"}',
		);
	}
	return value as IDataObject;
}

export function readCallbellExtras(read: Read): CallbellExtras {
	const options = readOptions(read);
	const metadata = readMetadata(options.metadata);
	return {
		assignedUser: optionText(options.assignedUser, 'Assigned User'),
		teamUuid: optionText(options.teamUuid, 'Team UUID'),
		botStatus: optionText(options.botStatus, 'Bot Status'),
		metadata,
		channel: readResourceLocator(read, 'channel', 'Channel'),
	};
}

/** A template is named by the Template picker: a list pick or a uuid. */
export function readCallbellTemplateId(read: Read): string {
	return readResourceLocator(read, 'template', 'Template');
}
