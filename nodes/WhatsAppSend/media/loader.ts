import type { IExecuteFunctions } from 'n8n-workflow';

import type { MediaMessage } from '../input/message';
import type { MediaLoader } from '../providers/types';
import { checkRecordedMediaSize, readBinaryHead } from './binary';
import type { MediaFile, MediaLimits } from './file';
import { loadMediaFile } from './load';
import type { MediaLoadSettings } from './load';

/** The media of one run's messages, for the providers that upload files. */
export class RunMedia implements MediaLoader {
	constructor(
		private readonly context: IExecuteFunctions,
		private readonly settings: MediaLoadSettings,
	) {}

	async load(
		message: MediaMessage,
		limits: MediaLimits,
		options: { allowPrivateHosts: boolean },
	): Promise<MediaFile> {
		return await loadMediaFile(
			this.context,
			message,
			limits,
			this.settings,
			options.allowPrivateHosts,
		);
	}

	async checkRecordedSize(message: MediaMessage, limits: MediaLimits): Promise<void> {
		await checkRecordedMediaSize(this.context, message, limits);
	}

	async readHead(message: MediaMessage, length: number): Promise<Buffer | undefined> {
		return await readBinaryHead(this.context, message, length);
	}
}
