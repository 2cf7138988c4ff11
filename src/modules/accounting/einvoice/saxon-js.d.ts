// The part of saxon-js 2.7 (which ships no types) that the e-invoice validator uses. Besides the
// documented transform and XPath API, the compiler entry points are those the xslt3 command line
// calls: getPlatform().resource('compiler'), checkOptions, internalTransform and XPath.sefToJSON.

declare module 'saxon-js' {
  /** A node of a stylesheet export file (SEF) tree: N is its kind, C its children. */
  export type SefNode = { N: string; C?: SefNode[]; [key: string]: unknown };

  export type TransformOptions = {
    stylesheetInternal?: SefNode;
    stylesheetText?: string;
    sourceNode?: unknown;
    sourceText?: string;
    destination?: 'document' | 'serialized' | 'application' | 'raw';
    initialMode?: string;
    stylesheetParams?: XdmMap;
    templateParams?: Record<string, unknown>;
    tunnelParams?: Record<string, unknown>;
    functionParams?: Record<string, unknown>;
    outputProperties?: Record<string, unknown>;
    async?: boolean;
  };

  export type TransformState = { resultPromise: Promise<{ principalResult: unknown }> };

  export class XdmMap {
    inSituPut(key: unknown, value: unknown[]): void;
  }

  export type XPathOptions = { namespaceContext?: Record<string, string>; resultForm?: 'array' | 'default' };

  type SaxonJS = {
    transform(options: TransformOptions, mode: 'sync'): { principalResult: unknown };
    getPlatform(): { resource(name: 'compiler'): SefNode; parseXmlFromString(text: string): unknown };
    getResource(options: { file: string; type: 'xml' }): Promise<unknown>;
    getProcessorInfo(): { productVersion: string };
    checkOptions(options: TransformOptions): TransformState;
    internalTransform(stylesheet: SefNode, source: unknown, state: TransformState): void;
    XdmMap: typeof XdmMap;
    XS: { QName: { fromParts(prefix: string, uri: string, local: string): unknown } };
    XPath: {
      evaluate(expression: string, context: unknown, options?: XPathOptions): unknown;
      sefToJSON(node: unknown, relocatable: boolean): SefNode;
    };
  };

  const saxonJS: SaxonJS;
  export default saxonJS;
}
