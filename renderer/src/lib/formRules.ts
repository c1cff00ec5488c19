import type { FormRule } from 'antd';

/**
 * A form field that must hold some text, not only spaces (and at most `max` characters, when given);
 * `message` says what is missing, in the screen's language.
 */
export const requiredText = (message: string, max?: number): FormRule[] => [
  { required: true, whitespace: true, ...(max === undefined ? {} : { max }), message },
];
