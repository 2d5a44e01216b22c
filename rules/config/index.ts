/** The Xen config language module: the only entry point other modules import. */
export type {
  Assignment,
  Dialect,
  DialectResult,
  DiskSpec,
  Edit,
  NotEvaluated,
  ParseError,
  ParsedConfig,
  PlainValue,
  Span,
  SyntaxVerdict,
  ValueNode,
  VifSpec,
} from './types.js';
export { parseConfig, printConfig, type ParseOptions } from './parse.js';
export { applyEdits, setKey, removeKey, addListItem, removeListItem, replaceListItem, editDialect, ConfigEditError } from './edit.js';
export { formatValue, isSafeConfigString, ConfigFormatError } from './format.js';
export { parseDiskSpec, gnumachDiskName } from './disk.js';
export { parseVifSpec } from './vif.js';
export { MAX_CONFIG_CHARS } from './text.js';
