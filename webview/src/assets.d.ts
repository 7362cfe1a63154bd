/** esbuild bundles imported stylesheets into media/preview.css. */
declare module '*.css';
