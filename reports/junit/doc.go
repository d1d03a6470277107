// Package junit writes junit.xml: the scorecard as a JUnit XML report so CI
// systems (GitLab, Jenkins, GitHub test reporters) show each requirement in
// each zone as a test case.
//
// Layout: one <testsuite> per framework (so a framework's pass rate reads
// as one suite), one <testcase> per requirement × zone named
// "SR 7.8 [control]" with the framework as classname. fail gives a
// <failure>; not_assessed, not_applicable and manual give <skipped> with the
// reason (never a pass); waived passes with a system-out line naming the
// waivers; pass passes.
//
// It reads only the scorecard and must not import collectors or other
// report formats.
package junit
