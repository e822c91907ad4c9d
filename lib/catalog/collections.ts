import { catalogDb } from "./db";

export interface CollectionView {
  slug: string;
  name: string;
  description: string;
}

export async function listCollections(): Promise<CollectionView[]> {
  return catalogDb().collection.findMany({ select: { slug: true, name: true, description: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
}

export async function findCollection(slug: string): Promise<CollectionView | null> {
  return catalogDb().collection.findUnique({ where: { slug }, select: { slug: true, name: true, description: true } });
}
