/** --vscode-* variables like VS Code sets them on <html> for its default dark, light and light high-contrast themes (a subset). */

export type ThemeName = 'dark' | 'light' | 'hc-light';

const COMMON: Record<string, string> = {
  '--vscode-font-family':
    '-apple-system, BlinkMacSystemFont, "Segoe WPC", "Segoe UI", "Ubuntu", "Droid Sans", sans-serif',
  '--vscode-font-size': '13px',
  '--vscode-font-weight': 'normal',
  '--vscode-editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  '--vscode-editor-font-size': '12px',
};

const DARK: Record<string, string> = {
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-errorForeground': '#f85149',
  '--vscode-focusBorder': '#0078d4',
  '--vscode-editor-background': '#1f1f1f',
  '--vscode-editor-foreground': '#cccccc',
  '--vscode-editorWidget-background': '#202020',
  '--vscode-widget-border': '#313131',
  '--vscode-panel-border': '#2b2b2b',
  '--vscode-panel-background': '#181818',
  '--vscode-settings-headerBorder': '#2b2b2b',
  '--vscode-textLink-foreground': '#4daafc',
  '--vscode-textCodeBlock-background': '#2b2b2b',
  '--vscode-button-background': '#0078d4',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#026ec1',
  '--vscode-button-secondaryBackground': '#313131',
  '--vscode-button-secondaryForeground': '#cccccc',
  '--vscode-button-secondaryHoverBackground': '#3c3c3c',
  '--vscode-button-border': '#ffffff12',
  '--vscode-charts-blue': '#3794ff',
  '--vscode-charts-red': '#f14c4c',
  '--vscode-charts-green': '#89d185',
  '--vscode-charts-yellow': '#cca700',
  '--vscode-charts-orange': '#d18616',
  '--vscode-testing-iconPassed': '#73c991',
  '--vscode-testing-iconFailed': '#f14c4c',
  '--vscode-editorWarning-foreground': '#cca700',
  '--vscode-inputValidation-errorBackground': '#5a1d1d',
  '--vscode-inputValidation-errorBorder': '#be1100',
  '--vscode-panelTitle-activeBorder': '#0078d4',
  '--vscode-panelTitle-activeForeground': '#cccccc',
  '--vscode-panelTitle-inactiveForeground': '#9d9d9d',
  '--vscode-settings-dropdownBackground': '#313131',
  '--vscode-settings-dropdownForeground': '#cccccc',
  '--vscode-settings-dropdownBorder': '#3c3c3c',
  '--vscode-settings-dropdownListBorder': '#454545',
  '--vscode-list-activeSelectionBackground': '#04395e',
  '--vscode-list-activeSelectionForeground': '#ffffff',
  '--vscode-list-hoverBackground': '#2a2d2e',
};

const LIGHT: Record<string, string> = {
  '--vscode-foreground': '#3b3b3b',
  '--vscode-descriptionForeground': '#6f6f6f',
  '--vscode-errorForeground': '#f85149',
  '--vscode-focusBorder': '#005fb8',
  '--vscode-editor-background': '#ffffff',
  '--vscode-editor-foreground': '#3b3b3b',
  '--vscode-editorWidget-background': '#f8f8f8',
  '--vscode-widget-border': '#e5e5e5',
  '--vscode-panel-border': '#e5e5e5',
  '--vscode-panel-background': '#f8f8f8',
  '--vscode-settings-headerBorder': '#e5e5e5',
  '--vscode-textLink-foreground': '#005fb8',
  '--vscode-textCodeBlock-background': '#f0f0f0',
  '--vscode-button-background': '#005fb8',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-hoverBackground': '#0258a8',
  '--vscode-button-secondaryBackground': '#e5e5e5',
  '--vscode-button-secondaryForeground': '#3b3b3b',
  '--vscode-button-secondaryHoverBackground': '#cccccc',
  '--vscode-button-border': '#0000001a',
  '--vscode-charts-blue': '#1a85ff',
  '--vscode-charts-red': '#e51400',
  '--vscode-charts-green': '#388a34',
  '--vscode-charts-yellow': '#bf8803',
  '--vscode-charts-orange': '#d18616',
  '--vscode-testing-iconPassed': '#388a34',
  '--vscode-testing-iconFailed': '#f14c4c',
  '--vscode-editorWarning-foreground': '#bf8803',
  '--vscode-inputValidation-errorBackground': '#f2dede',
  '--vscode-inputValidation-errorBorder': '#be1100',
  '--vscode-panelTitle-activeBorder': '#005fb8',
  '--vscode-panelTitle-activeForeground': '#3b3b3b',
  '--vscode-panelTitle-inactiveForeground': '#3b3b3b',
  '--vscode-settings-dropdownBackground': '#ffffff',
  '--vscode-settings-dropdownForeground': '#3b3b3b',
  '--vscode-settings-dropdownBorder': '#cecece',
  '--vscode-settings-dropdownListBorder': '#c8c8c8',
  '--vscode-list-activeSelectionBackground': '#e8e8e8',
  '--vscode-list-activeSelectionForeground': '#000000',
  '--vscode-list-hoverBackground': '#f2f2f2',
};

/**
 * Light high contrast: VS Code's registry gives the buttons no hover colours in high-contrast themes (hover and
 * focus are borders there), so --vscode-button-secondaryHoverBackground and --vscode-button-hoverBackground are
 * not set at all.
 */
const HC_LIGHT: Record<string, string> = {
  '--vscode-foreground': '#292929',
  '--vscode-descriptionForeground': '#292929',
  '--vscode-errorForeground': '#b5200d',
  '--vscode-focusBorder': '#006bbd',
  '--vscode-contrastBorder': '#0f4a85',
  '--vscode-contrastActiveBorder': '#006bbd',
  '--vscode-editor-background': '#ffffff',
  '--vscode-editor-foreground': '#292929',
  '--vscode-panel-background': '#ffffff',
  '--vscode-textLink-foreground': '#0f4a85',
  '--vscode-button-background': '#0f4a85',
  '--vscode-button-foreground': '#ffffff',
  '--vscode-button-border': '#0f4a85',
  '--vscode-button-secondaryBackground': '#ffffff',
  '--vscode-button-secondaryForeground': '#292929',
  '--vscode-panelTitle-activeBorder': '#b5200d',
  '--vscode-panelTitle-activeForeground': '#292929',
  '--vscode-panelTitle-inactiveForeground': '#292929',
  '--vscode-settings-dropdownBackground': '#ffffff',
  '--vscode-settings-dropdownForeground': '#292929',
  '--vscode-settings-dropdownBorder': '#0f4a85',
  '--vscode-settings-dropdownListBorder': '#0f4a85',
  '--vscode-list-activeSelectionBackground': '#0f4a85',
  '--vscode-list-activeSelectionForeground': '#ffffff',
};

const VARIABLES: Record<ThemeName, Record<string, string>> = { dark: DARK, light: LIGHT, 'hc-light': HC_LIGHT };
/** The classes VS Code puts on a webview's <body> for each kind of theme. */
const BODY_CLASSES: Record<ThemeName, string[]> = {
  dark: ['vscode-dark'],
  light: ['vscode-light'],
  'hc-light': ['vscode-high-contrast', 'vscode-high-contrast-light'],
};

/** A script that applies the theme the way VS Code does: variables on <html>, a class on <body>. */
export function applyThemeScript(theme: ThemeName): string {
  const variables = { ...COMMON, ...VARIABLES[theme] };
  // Another theme's variables go first: high contrast leaves some unset that the others set.
  const every = [...new Set(Object.values(VARIABLES).flatMap((v) => Object.keys(v)))];
  return `(() => {
  const root = document.documentElement;
  for (const name of ${JSON.stringify(every)}) root.style.removeProperty(name);
  for (const [name, value] of Object.entries(${JSON.stringify(variables)})) root.style.setProperty(name, value);
  document.body.classList.remove('vscode-dark', 'vscode-light', 'vscode-high-contrast', 'vscode-high-contrast-light');
  document.body.classList.add(...${JSON.stringify(BODY_CLASSES[theme])});
  document.body.dataset.vscodeThemeKind = ${JSON.stringify(BODY_CLASSES[theme].at(-1))};
})()`;
}
