/** The OCR languages, apart from the pool so that the command line can check them without tesseract.js. */
export type OcrLanguage = 'eng' | 'chi_sim';
export const OCR_LANGUAGES: OcrLanguage[] = ['eng', 'chi_sim'];
