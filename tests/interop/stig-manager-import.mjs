// Feeds every checklist CklGen wrote to STIG Manager's published importer (reviewsFromCkl /
// reviewsFromCklb, and reviewsFromXccdf for XCCDF results, paths ending in .xml) and checks it imports
// without errors and with exactly the benchmark's rule count.
//   node stig-manager-import.mjs MANIFEST.json...
// A manifest is the output of `cklgen generate --json`. Prints "N passed, N failed"; exits 1 on any failure.
import { readFileSync } from 'node:fs'
import { reviewsFromCkl, reviewsFromCklb, reviewsFromXccdf } from '@nuwcdivnpt/stig-manager-client-modules'

const importOptions = {
  autoStatus: 'saved', unreviewed: 'always', unreviewedCommented: 'notchecked', // Not_Reviewed with evidence stays notchecked
  emptyDetail: 'import', emptyComment: 'import', allowCustom: true
}
const fieldSettings = {
  detail: { enabled: 'always', required: 'optional' },
  comment: { enabled: 'always', required: 'optional' }
}
const resultOf = { Open: 'fail', NotAFinding: 'pass', Not_Applicable: 'notapplicable', Not_Reviewed: 'notchecked' }

let passed = 0, failed = 0
const fail = (file, why) => { failed++; console.log(`FAIL ${file}: ${why}`) }

for (const manifestPath of process.argv.slice(2)) {
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'))
  for (const entry of manifest.checklists) {
    for (const file of entry.paths) {
      const xccdf = file.endsWith('.xml')
      const data = readFileSync(file, file.endsWith('.cklb') ? 'utf8' : undefined)
      let parsed
      try {
        const args = { data: file.endsWith('.cklb') ? data : data.toString('utf8'), importOptions, fieldSettings, allowAccept: true, sourceRef: file }
        parsed = xccdf ? reviewsFromXccdf(args) : file.endsWith('.cklb') ? reviewsFromCklb(args) : reviewsFromCkl(args)
      } catch (e) {
        fail(file, `importer threw: ${e.message}`)
        continue
      }
      const problems = []
      if (parsed.errors?.length) problems.push(`errors: ${parsed.errors.join('; ')}`)
      if (parsed.target?.name !== entry.host) problems.push(`asset name ${parsed.target?.name}, expected ${entry.host}`)
      if (parsed.checklists.length !== 1) problems.push(`${parsed.checklists.length} checklists, expected 1`)
      const cl = parsed.checklists[0]
      if (cl) {
        if (cl.benchmarkId !== entry.benchmarkId) problems.push(`benchmark ${cl.benchmarkId}, expected ${entry.benchmarkId}`)
        if (cl.reviews.length !== entry.ruleCount) problems.push(`${cl.reviews.length} reviews, expected ${entry.ruleCount} rules`)
        if (xccdf) problems.push(...xccdfProblems(entry, cl))
        else for (const [status, count] of Object.entries(entry.statusCounts)) {
          const got = cl.stats[resultOf[status]]
          if (got !== count) problems.push(`${got} ${resultOf[status]} results, expected ${count} ${status}`)
        }
        if (entry.automatedCount > 0) {
          const engines = cl.reviews.filter(r => r.resultEngine?.checkContent?.location?.startsWith('CklGen'))
          if (engines.length === 0) problems.push('no review carries CklGen as its result engine')
        }
      }
      if (problems.length) fail(file, problems.join('; '))
      else { passed++; console.log(`ok   ${file} (${cl.benchmarkId}, ${cl.reviews.length} reviews)`) }
    }
  }
}
// XCCDF results name one test system, cpe:/a:cklgen:cklgen:VERSION, which STIG Manager records as product
// "cklgen" on every review. Only rules CklGen decided keep their result, and each of those has details and comments;
// the rest are notchecked. Counts come from the manifest's xccdfResults (fail, pass, notapplicable, notchecked),
// or, without it, from statusCounts, which agree when no review but CklGen's is in the checklist.
function xccdfProblems(entry, cl) {
  const problems = []
  const expected = entry.xccdfResults ?? Object.fromEntries(Object.entries(entry.statusCounts).map(([s, n]) => [resultOf[s], n]))
  for (const [result, count] of Object.entries(expected)) {
    if (cl.stats[result] !== count) problems.push(`${cl.stats[result]} ${result} results, expected ${count}`)
  }
  const notCklGen = cl.reviews.filter(r => r.resultEngine?.product !== 'cklgen')
  if (notCklGen.length) problems.push(`${notCklGen.length} reviews without result engine product cklgen, e.g. ${JSON.stringify(notCklGen[0].resultEngine)}`)
  const decided = cl.reviews.filter(r => r.result !== 'notchecked')
  if (decided.length > (entry.automatedCount ?? 0)) problems.push(`${decided.length} decided results, but CklGen automated only ${entry.automatedCount ?? 0} rules`)
  const bare = decided.filter(r => !r.detail || !r.comment)
  if (bare.length) problems.push(`${bare.length} decided results lost their detail or comment, e.g. ${bare[0].ruleId}`)
  return problems
}

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed === 0 && passed > 0 ? 0 : 1)
