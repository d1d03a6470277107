// Package ci holds the CI templates for scheduled assessments: a GitHub
// Actions workflow (github-actions.yml) and a GitLab CI job
// (gitlab-ci.yml). It has no Go code of its own. Its test reads each
// template and runs its shell commands in order, the same command lines,
// against a copy of examples/plant-a with a slate built from this
// checkout; only what a CI service alone provides (checkout, cache,
// uploads, secrets) is played by the test.
package ci
