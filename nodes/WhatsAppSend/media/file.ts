/** Bytes of a media file, ready to upload. */
export interface MediaFile {
	bytes: Buffer;
	fileName: string;
	mimeType: string;
	/** A dry run's stand-in for a link it did not download: the link, as errors may show it. */
	notDownloaded?: string;
}

/** How large a file a provider takes, and what to say about one over it. */
export interface MediaLimits {
	/** Largest file the provider takes, in bytes. */
	maxBytes: number;
	/** Why that is the limit, e.g. "the Multi-Session API takes requests of at most 8 MB". */
	reason?: string;
	/** What the user can do about a file over the limit. */
	remedy?: string;
}
