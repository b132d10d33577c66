// Imported first: zod's schemas probe `new Function` while they are built, which the console's CSP
// (no unsafe-eval) reports as a violation even though zod catches it. Jitless, zod never tries.
import { config } from 'zod'

config({ jitless: true })
