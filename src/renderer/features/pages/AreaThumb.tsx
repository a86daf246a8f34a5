import { useEffect, useState } from 'react';
import type { PageGeometry } from '../../../shared/model/pdf';
import { useAppStore } from '../../store';
import { areaThumbnail } from './area-thumbnail';

/** The picture of an area annotation in the sidebar, while the page view has its PDF open. */
export function AreaThumb({ docId, id, geometry, alt }: { docId: string; id: string; geometry: PageGeometry; alt: string }) {
  const pdf = useAppStore((s) => (s.openPdf?.docId === docId ? s.openPdf.pdf : null));
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!pdf) return;
    let live = true;
    void areaThumbnail(pdf, id, geometry).then((url) => live && setSrc(url));
    return () => {
      live = false;
    };
  }, [pdf, id, geometry]);
  return src ? <img className="item-thumb" src={src} alt={alt} /> : null;
}
