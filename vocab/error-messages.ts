// What each error code means for the person who sees it, in Chinese: the one table the CLI, the API
// and the page say errors from. The code stays beside the sentence as a detail (for a search or a
// support request); the reader's own message, often a library's English, stays a further detail.
// A code missing here is said as 读取失败 with the code, never as English alone.

export const ERROR_MESSAGES: Readonly<Record<string, string>> = {
  // Reading a document (ingest/errors.ts)
  EMPTY_INPUT: '输入为空：文件或粘贴的内容里没有文字',
  FILE_TOO_LARGE: '文件太大，超过了允许的大小',
  UNSUPPORTED_FORMAT: '不支持的文件格式：请上传 Word（.docx）、PDF、Excel（.xlsx）、CSV、网页或图片，或直接粘贴表格文字',
  ENCRYPTED: '文件有密码保护，请先去掉密码再上传',
  CORRUPT: '文件已损坏，或内容与扩展名不符，无法打开',
  TRUNCATED: '文件不完整（下载或复制中断），请重新获取原文件',
  DECOMPRESSED_TOO_LARGE: '文件解压后过大，不像正常的文档',
  TOO_MANY_PAGES: '页数超过了允许的上限，请拆分后再上传',
  IMAGE_TOO_LARGE: '图片尺寸过大，请缩小后再上传',
  TEXT_TOO_LONG: '文字超过了允许的长度，请拆分后再上传',
  TOO_MANY_CELLS: '表格单元格数量超过了允许的上限',
  TOO_DEEPLY_NESTED: '表格嵌套层数过深，不像正常的文档',
  TOO_COMPLEX: '文档结构过于复杂（或读取所需内存超过上限），已停止读取',
  LEGACY_FORMAT: '旧版 Word/Excel 格式（.doc/.xls）需要安装 LibreOffice 才能读取；也可另存为 .docx/.xlsx 后上传',
  OCR_FAILED: '扫描件文字识别失败',
  // Reading under the server's budgets (server/tasks)
  TIMEOUT: '读取超时，已停止；文档可能过大或结构异常',
  CANCELLED: '读取已取消',
  BUSY: '服务器正忙（排队的文件已满），请稍后再试',
  // The model path (extract/model)
  MODEL_NOT_CONFIGURED: '未配置大模型：请设置 OPENAI_BASE_URL 和 OPENAI_API_KEY，或改用规则引擎（rules/auto）',
  LLM_UNAVAILABLE: '大模型没有应答，未能读取；可改用 auto，由规则引擎读取',
  // The library (library/errors.ts)
  LIBRARY_FULL: '项目库所在磁盘已满，本次修改未写入',
  LIBRARY_BUSY: '项目库正被占用，本次修改未写入，请稍后重试',
  LIBRARY_READONLY: '项目库文件不可写（只读的文件、文件夹或磁盘）',
  LIBRARY_UNAVAILABLE: '无法打开项目库文件（文件夹不存在、不是 SQLite 文件或已损坏）',
  // Requests and files given to the CLI or the API
  BAD_REQUEST: '请求有误',
  USAGE: '命令用法有误',
  NOT_FOUND: '找不到所请求的内容',
  FILE_NOT_FOUND: '找不到该文件',
  FILE_UNREADABLE: '无法读取该文件（没有权限，或它是文件夹）',
  NO_DOCUMENTS: '文件夹里没有文档（按扩展名判断）',
  SCHEMA_INVALID: '内容不符合数据格式要求',
  UNAUTHORIZED: '需要登录令牌（Authorization: Bearer …）',
  FORBIDDEN: '没有访问权限',
  INTERNAL: '服务器内部错误',
  // Nothing read (pipeline warnings that make a reading empty)
  NO_TABLES_FOUND: '未找到绩效目标表，没有读出任何项目或指标',
  UNPARSED_TABLE: '有一段文字像指标表，但未能读出任何指标行',
  NO_INDICATORS: '项目没有读出绩效指标',
  ROW_UNALIGNED: '有一行未能对齐到表格的列，未读入',
};

/** The Chinese sentence of a code (读取失败 when the table has none). */
export function errorMessage(code: string): string {
  return ERROR_MESSAGES[code] ?? '读取失败';
}

/** `中文说明（CODE）`, with the reader's own detail after it when there is one: one line for a terminal or a status bar. */
export function errorLine(code: string, detail?: string | null): string {
  const said = `${errorMessage(code)}（${code}）`;
  return detail && detail.trim() !== '' ? `${said}：${detail.trim()}` : said;
}
