// Package returned is an input stage: it reads a workbook slate wrote
// (reports/xlsx) back after an auditor filled in the auditor's columns
// and added Attestations rows, and turns the verdicts into attestations,
// written as the CSV the attestation collector reads on the next run
// (`slate import-workbook`).
//
// Import refuses a workbook of another scorecard, or one edited outside
// the auditor's cells, by rendering the scorecard again with reports/xlsx
// and comparing sheet by sheet, naming each cell. Verdicts.Attestations
// maps the verdicts to evidence.Attestation values.
//
// The workbook is opened by internal/workbook, within limits. It imports
// the xlsx writer for the layout and the rendering it compares with,
// engine/scorecard, evidence and internal/workbook; never collectors, OPA
// or the CLI.
package returned
