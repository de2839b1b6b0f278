export interface ModelInfo {
  id: string;
  files: string[];
}
