// A small HTTP client over node:http with a keep-alive agent, for requests fired all at once.
import http from 'node:http'

export interface HttpAnswer {
  status: number
  body: string
}

export function keepAliveAgent(sockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets })
}

export function postJson(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
  body: string,
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...headers,
        },
      },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        )
        response.on('error', reject)
      },
    )
    request.on('error', reject)
    request.end(body)
  })
}

/** A GET whose body is read to the end but never parsed, for timing. */
export function getBytes(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'GET', agent, headers }, (response) => {
      let bytes = 0
      response.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      response.on('end', () => resolve({ status: response.statusCode ?? 0, bytes }))
      response.on('error', reject)
    })
    request.on('error', reject)
    request.end()
  })
}

/** "409 SLOT_TAKEN" for an error answer, "201" for a success. */
export function answerKey(answer: HttpAnswer): string {
  if (answer.status < 300) return String(answer.status)
  try {
    return `${answer.status} ${JSON.parse(answer.body)?.error?.code ?? 'no error code'}`
  } catch {
    return `${answer.status} unreadable body`
  }
}
