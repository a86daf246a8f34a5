import StarterKit from '@tiptap/starter-kit';

/** The comment and note editor's extensions: what it can show and edit (rich-content-check derives its schema from them). */
export const richTextExtensions = [
  StarterKit.configure({
    heading: { levels: [2, 3, 4] },
    link: { openOnClick: false, autolink: true, defaultProtocol: 'https' },
  }),
];
