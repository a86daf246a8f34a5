import { focusNewestToast } from '../components/toast-focus';
import { i18n, resolveLanguage } from '../i18n';
import { defineCommands } from './types';

const always = () => true;

/** Commands that work anywhere: the palette, the shortcuts sheet, theme and language. */
export const appCommands = defineCommands(
  {
    id: 'app.palette',
    title: 'cmd.palette',
    group: 'app',
    keys: ['mod+k', 'mod+shift+p'],
    whileTyping: true,
    isEnabled: always,
    run: ({ store }) => store.getState().setOverlay('palette'),
  },
  {
    id: 'app.help',
    title: 'cmd.help',
    group: 'app',
    keys: ['?'],
    isEnabled: always,
    run: ({ store }) => store.getState().setOverlay('help'),
  },
  {
    id: 'app.theme',
    title: 'cmd.theme',
    group: 'app',
    keys: ['alt+t'],
    isEnabled: always,
    run: ({ store }) => store.getState().cycleTheme(),
  },
  {
    id: 'app.notifications',
    title: 'toast.goTo',
    group: 'app',
    keys: ['alt+n'],
    whileTyping: true,
    inDialogs: true,
    isEnabled: ({ state }) => state.toasts.length > 0,
    run: () => focusNewestToast(),
  },
  {
    id: 'app.language',
    title: 'cmd.language',
    group: 'app',
    keys: [],
    isEnabled: always,
    run: ({ store }) => {
      const state = store.getState();
      state.setLanguage(resolveLanguage(state.language) === 'en' ? 'zh-CN' : 'en');
    },
  },
);

export const t = (key: string, args?: Record<string, string | number>): string => i18n.t(key, args);
