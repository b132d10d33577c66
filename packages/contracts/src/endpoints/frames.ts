// Isolated mode: the page the API serves inside a clinic's iframe, its script, and the loader a clinic's
// page uses to show the widgets that way. The frame renders the real element on the API's origin, so no
// script on the clinic's page can read what a patient types into it.
import * as z from 'zod'
import { Id } from '../common.js'
import { bytes, defineEndpoints, html } from './define.js'

export const FRAME_ELEMENT_NAMES = ['booking', 'intake', 'consent', 'rights-request'] as const

const IdList = z
  .string()
  .max(1400)
  .regex(/^[a-z]+_[A-Za-z0-9]+( [a-z]+_[A-Za-z0-9]+)*$/, 'Ids separated by single spaces')

export const WidgetFrameParams = z.object({
  element: z.enum(FRAME_ELEMENT_NAMES).meta({ description: 'Which element the frame shows' }),
})

/**
 * What the host element sends in the query: nothing about a patient. Tokens and prefilled details travel
 * in the fragment, which no server sees.
 */
export const WidgetFrameQuery = z.object({
  key: z
    .string()
    .regex(/^pk_(test|live)_[A-Za-z0-9_-]{20,80}$/, 'A publishable key')
    .meta({ description: "The clinic's publishable key", example: 'pk_test_0123456789abcdefghijklmnop' }),
  origin: z
    .string()
    .max(300)
    .regex(
      /^https?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/,
      'An origin: scheme, host and port, no path',
    )
    .meta({
      description: "The host page's origin; it must be one of the clinic's allowed origins",
      example: 'https://clinic.example',
    }),
  locale: z
    .string()
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/, 'A language tag')
    .optional(),
  theme: z.enum(['light', 'dark', 'auto']).optional(),
  service: Id.optional(),
  practitioner: Id.optional(),
  location: Id.optional(),
  'intake-form': Id.optional(),
  'intake-form-minor': Id.optional(),
  'consent-documents': IdList.optional(),
  form: Id.optional(),
  draft: Id.optional(),
  documents: IdList.optional(),
  signer: z.enum(['self', 'guardian']).optional(),
})
export type WidgetFrameQuery = z.infer<typeof WidgetFrameQuery>

const browserOnly = { excluded: 'loaded by a browser, not called by an integration' }

export const frameEndpoints = defineEndpoints({
  getIsolatedWidgetScript: {
    principals: [],
    method: 'get',
    path: '/v1/widgets/isolated.js',
    tags: ['Widgets'],
    summary: 'The isolated-mode loader: the widget tags as frames served by this API, cached briefly',
    responses: { 200: bytes('The script', 'text/javascript') },
    sdk: browserOnly,
  },
  getWidgetFrameScript: {
    principals: [],
    method: 'get',
    path: '/v1/frames/frame.js',
    tags: ['Widgets'],
    summary: "The frame page's script: sizes the frame, applies the host's design tokens, forwards events",
    responses: { 200: bytes('The script', 'text/javascript') },
    sdk: browserOnly,
  },
  getWidgetFrame: {
    principals: [],
    method: 'get',
    path: '/v1/frames/{element}',
    tags: ['Widgets'],
    summary: "A widget in isolated mode: the page a clinic's iframe shows",
    description:
      "Served only for a publishable key whose clinic allows `origin`, with `Content-Security-Policy: frame-ancestors` naming the clinic's allowed origins alone, so no other site can show it. An unknown key answers 401 `UNAUTHENTICATED`, an origin the clinic has not allowed 403 `ORIGIN_NOT_ALLOWED`; neither renders the widget.",
    request: { params: WidgetFrameParams, query: WidgetFrameQuery },
    responses: { 200: html('The frame page') },
    errors: ['UNAUTHENTICATED', 'ORIGIN_NOT_ALLOWED'],
    sdk: browserOnly,
  },
})
