// What a call to one row of the endpoint table takes and answers, read off the row's own types.
import type {
  Endpoint,
  EndpointBody,
  EndpointParams,
  EndpointQuery,
  EndpointResult,
} from '@frontdesk/contracts'
import type { RequestOptions } from '../types/options.js'

type ParamsInput<E extends Endpoint> = [EndpointParams<E>] extends [never]
  ? { params?: never }
  : { params: EndpointParams<E> }

// A query whose every field may be left out may itself be left out.
type QueryInput<E extends Endpoint> = [EndpointQuery<E>] extends [never]
  ? { query?: never }
  : // biome-ignore lint/complexity/noBannedTypes: "an empty query would do" is exactly `{}`
    {} extends EndpointQuery<E>
    ? { query?: EndpointQuery<E> | undefined }
    : { query: EndpointQuery<E> }

// A JSON body is typed by its schema; any other body (a file) is sent as it is, with its own type.
type BodyInput<E extends Endpoint> = E['request'] extends { body: infer B }
  ? B extends { content: { 'application/json': unknown } }
    ? B extends { required: false }
      ? { body?: EndpointBody<E> | undefined }
      : { body: EndpointBody<E> }
    : { raw: Blob }
  : { body?: never; raw?: never }

/** The path parameters, query and body an entry takes, and the per-call options. */
export type CallInput<E extends Endpoint> = ParamsInput<E> &
  QueryInput<E> &
  BodyInput<E> & { options?: RequestOptions | undefined }

type SuccessStatus = 200 | 201 | 202 | 204
type SuccessAnswer<E extends Endpoint> = E['responses'][Extract<keyof E['responses'], SuccessStatus>]

/** The parsed JSON of the entry's success; bytes (a file, a signature) as a Blob; nothing for a 204. */
export type CallResult<E extends Endpoint> = [EndpointResult<E>] extends [never]
  ? SuccessAnswer<E> extends { content: object }
    ? Blob
    : undefined
  : EndpointResult<E>

/**
 * What a schema passed to narrow an entry's answer must produce: any object where the table answers an open
 * one (a FHIR resource, a receipt), else a case of the table's own answer (a booking with or without its patient).
 */
export type Narrowed<E extends Endpoint> =
  Record<string, unknown> extends CallResult<E> ? object : CallResult<E>
