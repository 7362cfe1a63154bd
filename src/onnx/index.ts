/** Reading ONNX models (protobufjs through onnx-proto) into tconv specs. Pure: no vscode, no Node. */
export {
  decodeOnnxModel,
  importOnnxModel,
  MAX_KERNEL_VALUES,
  OnnxImportError,
  type ImportErrorCode,
  type ImportNote,
  type ImportNoteKind,
  type ImportOptions,
  type ImportResult,
  type WeightsMode,
} from './importModel';
