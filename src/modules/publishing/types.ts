export type Package = { id: number; uuid: string; key: string };

export type Entity = { id: number; uuid: string; packageId: number; key: string; kind: string };

export type Version = {
  id: number;
  uuid: string;
  entityId: number;
  versionNum: number;
  data: unknown;
  contentHash: string;
  createdAt: Date;
  createdBy: string | null;
};

/** An entity with the version one side (draft or published) points at; null when deleted there. */
export type EntityState = { entity: Entity; version: Version | null };

export type PublishLogRecord = {
  entityId: number;
  entityKey: string;
  kind: string;
  oldVersionId: number | null;
  newVersionId: number | null;
};

export type PublishLog = {
  id: number;
  uuid: string;
  packageId: number;
  message: string;
  publishedAt: Date;
  publishedBy: string | null;
  records: PublishLogRecord[];
};
