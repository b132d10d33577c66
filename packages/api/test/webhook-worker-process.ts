// A webhook delivery worker in a process of its own, for the test that kills one mid-delivery: it relays
// and delivers one clinic's events on one queue, as `frontdesk serve` does, until it is killed. Run with
// `node --import tsx`; DATABASE_URL, FRONTDESK_MASTER_KEY, WEBHOOK_QUEUE and WEBHOOK_CLINIC say where.
import { FieldCipher } from '../src/crypto/field-cipher.js'
import { MasterKey } from '../src/crypto/master-key.js'
import { openDatabase } from '../src/db/database.js'
import { openJobQueue } from '../src/jobs/queue.js'
import { createLogger } from '../src/logger.js'
import { startWebhookDispatch } from '../src/webhooks/dispatch.js'

const { DATABASE_URL, FRONTDESK_MASTER_KEY, WEBHOOK_QUEUE, WEBHOOK_CLINIC } = process.env
if (!DATABASE_URL || !FRONTDESK_MASTER_KEY || !WEBHOOK_QUEUE || !WEBHOOK_CLINIC) {
  throw new Error('DATABASE_URL, FRONTDESK_MASTER_KEY, WEBHOOK_QUEUE and WEBHOOK_CLINIC are needed')
}
const opened = await openDatabase({ url: DATABASE_URL, poolSize: 4 })
const logger = createLogger({ level: 'warn', write: (line) => process.stderr.write(`${line}\n`) })
const masterKey = MasterKey.fromBytes(Buffer.from(FRONTDESK_MASTER_KEY, 'base64'))
await startWebhookDispatch({
  db: opened.db,
  system: opened.system,
  boss: await openJobQueue(opened.system, logger),
  cipher: new FieldCipher({ system: opened.system, masterKey }),
  logger,
  now: () => Date.now(),
  allowPrivate: true,
  retryDelaySeconds: 1,
  queue: WEBHOOK_QUEUE,
  clinicIds: [WEBHOOK_CLINIC],
})
process.stdout.write('ready\n')
