import type { IExecuteFunctions } from 'n8n-workflow';

import { InputError } from './errors';
import type { MediaLimits } from './providers/types';
import type { Transport } from './transport';
import type { MediaFile, OutgoingMessage } from './types';

// Filled in by the media work (issue 3): binary data through getBinaryDataBuffer, URLs downloaded
// through n8n's HTTP helper with a size cap.
export async function loadMediaFile(
	_context: IExecuteFunctions,
	_transport: Transport,
	message: OutgoingMessage,
	_limits: MediaLimits,
): Promise<MediaFile> {
	throw new InputError('Media', `loading ${message.media?.source ?? ''} media is not available yet`);
}
