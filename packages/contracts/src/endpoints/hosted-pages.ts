// The hosted booking page per clinic, `/c/<slug>`, for clinics that share a link or a QR code instead of
// embedding the widgets: the page, its stylesheets, the clinic's logo and the QR code of the page's address.
import * as z from 'zod'
import { bytes, defineEndpoints, html } from './define.js'

export const SlugParam = z.object({
  slug: z.string().meta({ description: "The clinic's slug (its settings' `slug`)", example: 'demo' }),
})

const excluded = { excluded: "a page in the patient's browser" }
const entry = (path: string, summary: string, mediaType: string, description?: string) =>
  ({
    principals: [],
    method: 'get',
    path,
    tags: ['Hosted pages'],
    summary,
    ...(description && { description }),
    request: { params: SlugParam },
    responses: { 200: bytes('The file', mediaType) },
    sdk: excluded,
  }) as const

export const hostedPageEndpoints = defineEndpoints({
  getHostedBookingPage: {
    principals: [],
    method: 'get',
    path: '/c/{slug}',
    tags: ['Hosted pages'],
    summary: "The clinic's hosted booking page: booking, then intake and consent",
    description:
      "In the language `?lang=` names, else the best of Accept-Language among the clinic's languages, else its first. A slug written in other case (`/c/Demo`) is sent on to the page's one address (`/c/demo`), so links and bookmarks agree. An unknown slug is a 404 page.",
    request: {
      params: SlugParam,
      query: z.object({ lang: z.string().optional().meta({ description: 'en, de, …', example: 'de' }) }),
    },
    responses: {
      200: html('The page'),
      301: {
        description:
          'The slug was written in other case: `Location` is the page at its one address, the query kept',
      },
      404: html('No clinic has this slug'),
    },
    sdk: excluded,
  },
  getHostedPageTheme: entry(
    '/c/{slug}/theme.css',
    "The clinic's colours as the widgets' custom properties",
    'text/css',
  ),
  getHostedPageLogo: entry('/c/{slug}/logo', "The clinic's logo", 'image/png'),
  getHostedBookingQrCode: entry(
    '/c/{slug}/qr.svg',
    "A QR code of the hosted booking page's address, to print",
    'image/svg+xml',
  ),
  getHostedPageStyles: {
    principals: [],
    method: 'get',
    path: '/v1/hosted-page.css',
    tags: ['Hosted pages'],
    summary: "The hosted pages' stylesheet",
    responses: { 200: bytes('The stylesheet', 'text/css') },
    sdk: excluded,
  },
})
