/**
 * The SDK's name and version in the User-Agent, unless the generated root client passes its
 * package's own (see SdkDescription).
 */
export const SDK_NAME = "twilio-etag-sdk";
export const SDK_VERSION = "0.0.0";
