import type { ThemeConfig } from 'antd';

/** antd for staff screens, with secondary text dark enough for WCAG AA contrast on white. */
export const staffTheme: ThemeConfig = {
  token: {
    fontSize: 16,
    colorPrimary: '#0a4b8c',
    colorTextSecondary: '#4a4a4a',
    colorTextTertiary: '#4a4a4a',
    colorTextDescription: '#4a4a4a',
    colorTextPlaceholder: '#5c5c5c',
    // antd's default red (#ff4d4f) is 3.3:1 on white: danger buttons and errors need AA too.
    colorError: '#c41d1d',
  },
};
