import type { ThemeConfig } from 'antd';

/** antd for staff screens, with secondary text and tag text dark enough for WCAG AA contrast. */
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
  components: {
    // A preset tag's text is its hue's 7th shade, below AA on the tag's pale background: the same
    // hues, darker.
    Tag: {
      green7: '#135200',
      gold7: '#613400',
      orange7: '#612500',
      red7: '#a8071a',
      blue7: '#002c8c',
      purple7: '#22075e',
      cyan7: '#002329',
    },
  },
};
