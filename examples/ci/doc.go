// Package ci holds the CI examples for scheduled assessments: a GitHub
// Actions workflow (github-actions.yml) that uses the composite action
// .github/actions/assess, and a GitLab CI pipeline (gitlab-ci.yml) that
// includes templates/slate-assess.yml with inputs; and their fan-out over
// many sites with a portfolio built in a last job (github-fanout.yml,
// gitlab-fanout.yml, and kubernetes/ for a plant's own cluster: an indexed
// Job and an Argo Workflow). It has no Go code of its own. Its test reads each example and the template it uses from this
// checkout and runs their shell commands in order, as written, against a
// copy of examples/plant-a; only what a hosted service alone provides
// (checkout, cache, uploads, secrets, the module proxy) is played or
// checked by the test, and named in the job's log.
package ci
