/**
 * wopt: transactional batch file writes and code generation.
 */
export { WoptError, isWoptError } from './errors.js';
export type { WoptErrorCode, WoptErrorOptions } from './errors.js';

export { batchWrite } from './tx/batch-write.js';
export type { BatchReport } from './tx/batch-write.js';
export type { Change, Content, DeleteChange, RenameChange, WriteChange } from './tx/changes.js';
export type { FileReport, FileStatus, OnExisting } from './tx/plan.js';
export type { WriteOptions } from './tx/options.js';
export type { Durability } from './tx/journal.js';

export { writeTransaction } from './tx/transaction.js';
export type { TransactionContext } from './tx/transaction.js';
export { atomicWrite } from './tx/atomic-write.js';
export type { AtomicWriteOptions, AtomicWriteReport } from './tx/atomic-write.js';
export { undo } from './tx/undo.js';
export type { UndoOptions } from './tx/undo.js';
export { recover, status } from './tx/status.js';
export type { ProjectOptions, ProjectStatus, TransactionSummary } from './tx/status.js';
export type { RecoveryReport, RecoveredTransaction } from './tx/recover.js';
export type { Stray } from './tx/strays.js';

export { Tree, memorySource } from './tree/tree.js';
export type { FileChange, TreeSource } from './tree/tree.js';

export type { FsPort, FileStat, FileHandle, ProcessIdentity } from './fs/port.js';
export { createNodeFs } from './fs/node.js';

// Templates: rendering, the library, configuration.
export { createRenderer, pluralize, singularize, words, pascalCase, camelCase, kebabCase, snakeCase, constantCase, titleCase } from './render/index.js';
export type { Renderer, RendererOptions, Helper } from './render/index.js';
export { openLibrary, readTemplateFolder, templateToChanges, templateHash, validateManifest, renderTemplate, resolveParams } from './library/index.js';
export type {
  Library,
  TemplateInfo,
  LoadedTemplate,
  Template,
  TemplateManifest,
  ParamSpec,
  ParamAffixes,
  ParamType,
  Provenance,
  LayerName,
} from './library/index.js';
export { defineConfig, loadConfig, loadHelpers, applyFlags } from './config/index.js';
export type { WoptConfig, ResolvedConfig, LoadedConfig, LoadedHelpers, LoadHelpersOptions } from './config/index.js';

// Generation from templates, the generation record, and regeneration that keeps edits.
export { batchWriteFromTemplate, updateGenerated, mergeThreeWay, readRecord, RECORD_FILE, paramsFromFile } from './generate/index.js';
export type { GenerateOptions, GenerateProgress, GenerateReport, PlannedFile, UpdateOptions, UpdateReport, UpdateFile, UpdateAction, ConflictMode, GeneratedFile, TemplateSource, Items } from './generate/index.js';

// Pattern mining (the TypeScript scanner is loaded on the first TS/JS file mined).
export { mineTemplate, mineFromGlob, generateMember, driftOf } from './miner/index.js';
export type { MineFromGlobOptions, MineFromGlobResult, Example, MemberParams, MineOptions, MineReport, MineResult, ParamReport } from './miner/index.js';
