/**
 * Bulk generation from templates, the generation record, and regeneration that keeps the user's
 * edits (three-way merge).
 */
export { batchWriteFromTemplate } from './batch.js';
export type { GenerateOptions, GenerateProgress, GenerateReport, PlannedFile } from './batch.js';
export { updateGenerated } from './update.js';
export type { ConflictMode, UpdateAction, UpdateFile, UpdateOptions, UpdateReport } from './update.js';
export { mergeThreeWay } from './merge.js';
export type { MergeLabels, MergeOutcome } from './merge.js';
export { readRecord, recordText, RECORD_FILE, STAT_CACHE_FILE } from './record.js';
export type { GeneratedFile } from './record.js';
export type { TemplateSource } from './source.js';
export type { Items } from './ahead.js';
export type { ItemLabel } from './params.js';
export { paramsFromFile, coerceParam } from './input.js';
