/** Reading ONNX models (protobufjs through onnx-proto) into tconv specs. Pure: no vscode, no Node. */
export { decodeOnnxModel } from './decodeModel';
export { importOnnxModel } from './importModel';
export {
  MAX_KERNEL_VALUES,
  OnnxImportError,
  type ImportErrorCode,
  type ImportNote,
  type ImportNoteKind,
  type ImportOptions,
  type ImportResult,
  type WeightsMode,
} from './importTypes';
