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
