// What the SDK's package entries export from the runtime: what users call (the client, the
// errors they catch) and the types of public signatures, so users can name them. Everything else
// here (request building, paging and retry helpers, base-class plumbing) is internal.
export { ApiClient } from "./client.js";
export type { ApiRequest, ApiResponse, AuthScheme, ClientOptions, HttpMethod, SdkDescription } from "./client.js";
export type { Logger, LogLevel, RequestDetails, ResponseDetails } from "./debugging.js";
export {
  ConnectionError,
  HookError,
  InvalidIfMatchError,
  MissingETagError,
  PreconditionFailedException,
  PreconditionRequiredException,
  RefusedPageLinkError,
  RepeatedPageLinkError,
  RequestTimeoutError,
  ResponseTooLargeError,
  RestException,
  TooManyPagesError,
  UnexpectedResponseError,
} from "./errors.js";
export type { RestExceptionInit, UnexpectedResponseInit } from "./errors.js";
export { Page } from "./page.js";
export type { PageInit, Pagination } from "./page.js";
export { ResourceInstance } from "./instance.js";
export type { CamelCased, ParsedDate, ReadObject, ReadObjects } from "./instance.js";
export type { IntegerKey, MountedList, MountedSingleton } from "./mount.js";
export type { NoCallback } from "./callArguments.js";
export type { ComputeChanges, MutateOptions } from "./conflictRetry.js";
export type { ContextualInstance, OptionsArgument, PagedList, PathParams, ResourceHandle } from "./resource.js";
