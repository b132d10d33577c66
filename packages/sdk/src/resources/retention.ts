// Retention (admin client only): how long each kind of record is kept, the purge that applies it (hourly,
// or now on demand) honouring legal holds, a dry run of it, and the reports of the latest purges.
import { endpoints, RetentionDryRun, type RetentionPolicy, RetentionRun } from '@frontdesk/contracts'
import type { Transport } from '../core/transport.js'
import type { RequestOptions } from '../types/options.js'
import type { List, UpdateRetentionPolicyParams } from '../types/params.js'

export interface RetentionResource {
  policy: {
    /** Days after the last activity each kind is kept; null keeps it until the patient is erased. */
    get(options?: RequestOptions): Promise<RetentionPolicy>
    /** Changes only the kinds given. */
    update(params: UpdateRetentionPolicyParams, options?: RequestOptions): Promise<RetentionPolicy>
  }
  /** Purges now what the policy no longer keeps; the report says what went and what legal holds kept. */
  run(options?: RequestOptions): Promise<RetentionRun>
  /**
   * What `run` would remove now and what legal holds would keep, counted by the purge itself and rolled
   * back: nothing is removed and no report is stored.
   */
  dryRun(options?: RequestOptions): Promise<RetentionDryRun>
  /** The latest purges, newest first. */
  runs(options?: RequestOptions): Promise<List<RetentionRun>>
}

export function retentionResource(transport: Transport): RetentionResource {
  return {
    policy: {
      get: (options) => transport.call(endpoints.getRetentionPolicy, { options }),
      update: (params, options) => transport.call(endpoints.updateRetentionPolicy, { body: params, options }),
    },
    run: (options) => transport.call(endpoints.runRetention, { options, schema: RetentionRun }),
    dryRun: (options) =>
      transport.call(endpoints.runRetention, { body: { dryRun: true }, options, schema: RetentionDryRun }),
    runs: (options) => transport.call(endpoints.listRetentionRuns, { options }),
  }
}
